using System.Net;
using System.Text;
using Flinq.Server.Tests.Alertmanager;

namespace Flinq.Server.Tests.Alerting;

/// <summary>
/// The whole alerting chain on the real server: a rule created through <c>/api/v1/rules</c> reaches the running
/// engine job, telemetry sent through the ingest API is evaluated, the lifecycle fires and resolves, and the
/// notification pipeline delivers Alertmanager webhooks to a real HTTP listener.
/// </summary>
public sealed class RuleToWebhookTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(90);
    private readonly WebhookCapture _hook = new();
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), "flinq-am-chain-" + Guid.NewGuid().ToString("N") + ".yml");

    public RuleToWebhookTests() => File.WriteAllText(_configFile, $"""
        route:
          receiver: ops
          group_by: [alertname, host]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: ops
            webhook_configs:
              - url: '{_hook.Url}'
                send_resolved: true
        """);

    public void Dispose()
    {
        _hook.Dispose();
        File.Delete(_configFile);
    }

    [Fact]
    public async Task AbsenceRule_HostStopsAndComesBack_WebhookFiringThenResolved()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        await PutRuleAsync(f, "EdgeDown", """
            kind: absence
            severity: critical
            labels: {team: edge}
            annotations: {summary: "{{ $labels.host }} is down"}
            absence: {metric: node_up, group_by: [host], silent_for: 2s}
            """);

        // Both hosts report for a while; then edge-2 stops while edge-1 goes on.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < until)
        {
            await ReportAsync(f, "edge-1", "edge-2");
        }

        await TestWait.UntilAsync(async () =>
        {
            await ReportAsync(f, "edge-1");
            return Firing("edge-2") is not null;
        }, s_wait, "a firing webhook for edge-2");

        var firing = Firing("edge-2")!;
        firing["labels"]!["alertname"]!.GetValue<string>().Should().Be("EdgeDown");
        firing["labels"]!["severity"]!.GetValue<string>().Should().Be("critical");
        firing["labels"]!["team"]!.GetValue<string>().Should().Be("edge");
        firing["annotations"]!["summary"]!.GetValue<string>().Should().Be("edge-2 is down");
        Firing("edge-1").Should().BeNull("edge-1 kept reporting");

        // edge-2 comes back: the alert resolves and a resolved webhook follows.
        await TestWait.UntilAsync(async () =>
        {
            await ReportAsync(f, "edge-1", "edge-2");
            return Resolved("edge-2") is not null;
        }, s_wait, "a resolved webhook for edge-2");
    }

    [Fact]
    public async Task ThresholdRule_EventTimeWindowAboveThreshold_WebhookWithValue()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        await PutRuleAsync(f, "CpuHot", """
            kind: threshold
            severity: warning
            annotations: {summary: "{{ $labels.host }} max CPU {{ $value }}"}
            threshold: {metric: 'cpu{host="hot-1"}', aggregation: max, window: 2s, group_by: [host], op: ">", value: 90}
            """);

        await TestWait.UntilAsync(async () =>
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await SendAsync(f, $"cpu,host=hot-1 value=95 {now}\ncpu,host=cool-1 value=99 {now}\n");
            return Firing("hot-1") is not null;
        }, s_wait, "a firing webhook for hot-1");

        Firing("hot-1")!["annotations"]!["summary"]!.GetValue<string>().Should().Be("hot-1 max CPU 95");
        Firing("cool-1").Should().BeNull("the rule's selector only reads host hot-1");
    }

    [Fact]
    public async Task LogRule_ErrorBurstPerService_WebhookWithCount()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        await PutRuleAsync(f, "ErrorBurst", """
            kind: log
            severity: critical
            annotations: {summary: "{{ $labels.service }}: {{ $value }} errors"}
            log: {min_severity: error, contains: timeout, window: 2s, group_by: [service, host], min_count: 3}
            """);

        await TestWait.UntilAsync(async () =>
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var lines = new StringBuilder();
            for (int i = 0; i < 4; i++)
            {
                lines.Append($"{{\"timestamp\":{now + i},\"level\":\"ERROR\",\"message\":\"upstream timeout {i}\",\"tags\":{{\"service\":\"pay\",\"host\":\"pay-1\"}}}}\n");
                lines.Append($"{{\"timestamp\":{now + i},\"level\":\"WARN\",\"message\":\"upstream timeout {i}\",\"tags\":{{\"service\":\"web\",\"host\":\"web-1\"}}}}\n");
            }

            await SendLogsAsync(f, lines.ToString());
            await Task.Delay(300);
            return Firing("pay-1") is not null;
        }, s_wait, "a firing webhook for the error burst of pay");

        var alert = Firing("pay-1")!;
        alert["labels"]!["service"]!.GetValue<string>().Should().Be("pay");
        alert["annotations"]!["summary"]!.GetValue<string>().Should().MatchRegex(@"^pay: \d+ errors$");
        Firing("web-1").Should().BeNull("warnings are below min_severity");

        // The burst stops (only warnings go on, which keep event time moving): windows count 0 errors → resolved.
        await TestWait.UntilAsync(async () =>
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await SendLogsAsync(f, $"{{\"timestamp\":{now},\"level\":\"WARN\",\"message\":\"slow\",\"tags\":{{\"service\":\"web\",\"host\":\"web-1\"}}}}\n");
            await Task.Delay(300);
            return Resolved("pay-1") is not null;
        }, s_wait, "a resolved webhook once the error burst of pay stopped");
    }

    [Fact]
    public async Task SequenceRule_CpuHighThenOomLog_WebhookForThatHostOnly()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        // A match is a moment: the alert fires at the match and resolves keep_firing_for (event time) later.
        await PutRuleAsync(f, "CpuThenOom", """
            kind: sequence
            severity: critical
            keep_firing_for: 3s
            annotations: {summary: "{{ $labels.host }} ran out of memory after high CPU"}
            sequence:
              group_by: [host]
              within: 1m
              steps:
                - {name: cpu, metric: cpu, op: ">", value: 90}
                - {name: oom, log: {contains: OutOfMemory}}
            """);

        await TestWait.UntilAsync(async () =>
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            // seq-1: high CPU, then an OOM log; seq-2: only the OOM log (no high CPU before it).
            await SendAsync(f, $"cpu,host=seq-1 value=97 {now}\ncpu,host=seq-2 value=20 {now}\n");
            await SendLogsAsync(f,
                $"{{\"timestamp\":{now + 500},\"level\":\"ERROR\",\"message\":\"java.lang.OutOfMemoryError\",\"tags\":{{\"host\":\"seq-1\"}}}}\n" +
                $"{{\"timestamp\":{now + 500},\"level\":\"ERROR\",\"message\":\"java.lang.OutOfMemoryError\",\"tags\":{{\"host\":\"seq-2\"}}}}\n");
            await Task.Delay(300);
            return Firing("seq-1") is not null;
        }, s_wait, "a firing webhook for the CPU-then-OOM sequence of seq-1");

        Firing("seq-1")!["annotations"]!["summary"]!.GetValue<string>().Should().Be("seq-1 ran out of memory after high CPU");
        Firing("seq-2").Should().BeNull("seq-2 had no high CPU before its OOM log");

        // No new match: 3 s of event time after the match the alert resolves (normal CPU keeps event time moving).
        await TestWait.UntilAsync(async () =>
        {
            await SendAsync(f, $"cpu,host=seq-2 value=20 {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n");
            await Task.Delay(300);
            return Resolved("seq-1") is not null;
        }, s_wait, "a resolved webhook for seq-1 after keep_firing_for");
        var resolved = Resolved("seq-1")!;
        (DateTimeOffset.Parse(resolved["endsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse(resolved["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3), "it resolves keep_firing_for after the last match");
    }

    private static async Task SendLogsAsync(ServerFixture f, string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        using var response = await f.Client.PostAsync("/api/v1/ingest/logs", content);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private System.Text.Json.Nodes.JsonNode? Firing(string host) => Alert(host, "firing");

    private System.Text.Json.Nodes.JsonNode? Resolved(string host) => Alert(host, "resolved");

    private System.Text.Json.Nodes.JsonNode? Alert(string host, string status) =>
        _hook.Payloads.SelectMany(p => p["alerts"]!.AsArray())
            .FirstOrDefault(a => a!["status"]!.GetValue<string>() == status && a["labels"]?["host"]?.GetValue<string>() == host);

    private static async Task PutRuleAsync(ServerFixture f, string name, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await f.Client.PutAsync("/api/v1/rules/" + name, content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task ReportAsync(ServerFixture f, params string[] hosts)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await SendAsync(f, string.Concat(hosts.Select(h => $"node,host={h} up=1 {now}\n")));
        await Task.Delay(200);
    }

    private static async Task SendAsync(ServerFixture f, string influx)
    {
        using var content = new StringContent(influx, Encoding.UTF8, "text/plain");
        using var response = await f.Client.PostAsync("/write?precision=ms", content);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }
}

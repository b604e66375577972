using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Flinq.Server.Tests.Alertmanager;

using static Flinq.Server.Tests.Alerting.AlertingRequests;

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

    /// <summary>
    /// Ingest pauses longer than the 5 s idleness timeout, then resumes: the rule still evaluates the new data (an idle
    /// metric input must not let the rules input's end-of-time watermark through to the evaluators).
    /// </summary>
    [Fact]
    public async Task ThresholdRule_AfterIngestPauseLongerThanIdleness_StillFires()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        await PutRuleAsync(f, "CpuHotAfterPause", """
            kind: threshold
            threshold: {metric: 'cpu{host="pause-1"}', aggregation: max, window: 1s, group_by: [host], op: ">", value: 90}
            """);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < until)
        {
            await SendAsync(f, $"cpu,host=pause-1 value=10 {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n");
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(8)); // no ingest: the metric input goes idle
        await TestWait.UntilAsync(async () =>
        {
            await SendAsync(f, $"cpu,host=pause-1 value=95 {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n");
            await Task.Delay(200);
            return Firing("pause-1") is not null;
        }, s_wait, "a firing webhook for pause-1 after the pause");
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

    /// <summary>
    /// An anomaly rule (EWMA baseline, α = 0.5, k = 3, warm-up 5) in event time: a stable warm-up series, one outlier
    /// (firing webhook with its value and k), then a normal sample (resolved webhook). Samples are stamped ahead of
    /// a base 30 s in the past; a sample of another metric moves the watermark (max time − 5 s) past them.
    /// </summary>
    /// <remarks>
    /// Hand-checked (d = x − mean; mean += α·d; var = (1 − α)(var + α·d²); active when learned ≥ 5 and |d| &gt; 3σ):
    /// <code>
    /// t   x   mean before  var before   3σ      |d|      active
    /// 0   10  —            —            —       —        no (sets mean 10, var 0)
    /// 1   12  10           0            0       2        no (learned 1 &lt; 5)
    /// 2   10  11           1            3       1        no (learned 2)
    /// 3   12  10.5         0.75         2.598   1.5      no (learned 3)
    /// 4   10  11.25        0.9375       2.905   1.25     no (learned 4)
    /// 5   12  10.625       0.859375     2.781   1.375    no (first checked: 1.375 ≤ 2.781)
    /// 6   30  11.3125      0.90234375   2.850   18.6875  YES → fires at t = 6 with value 30
    /// 7   12  20.65625     87.7568      28.104  8.65625  no  → resolves at t = 7 (for and keep_firing_for are 0)
    /// </code>
    /// </remarks>
    [Fact]
    public async Task AnomalyRule_OutlierAfterWarmUp_WebhookFiringWithValueThenResolved()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        await PutRuleAsync(f, "LatencyOdd", """
            kind: anomaly
            severity: warning
            labels: {team: api}
            annotations: {summary: "{{ $labels.host }} latency {{ $value }} is more than {{ $threshold }} sigma off"}
            anomaly: {metric: latency, group_by: [host], alpha: 0.5, deviations: 3, warm_up: 5}
            """);

        // The rule travels to the evaluators on its own input: wait until both anomaly operators received it, so
        // no warm-up sample is matched before the rule is known (those would be dropped and the baseline differ).
        await TestWait.UntilAsync(async () => await RecordsInAsync(f, "Anomaly Rule Match") >= 1 && await RecordsInAsync(f, "Anomaly Rule Baseline") >= 1,
            s_wait, "the anomaly rule at both anomaly operators");

        long t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 30_000;
        double[] warmUp = [10, 12, 10, 12, 10, 12];
        var lines = new StringBuilder();
        for (int i = 0; i < warmUp.Length; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"latency,host=api-1 value={warmUp[i]} {t0 + (i * 1000)}\n");
        }

        lines.Append(CultureInfo.InvariantCulture, $"latency,host=api-1 value=30 {t0 + 6000}\n");
        // Watermark to t0 + 11.5 s − 5 s: t = 0..6 are due; t = 7 is not late yet.
        lines.Append(CultureInfo.InvariantCulture, $"clock,host=other value=1 {t0 + 11_500}\n");
        await SendAsync(f, lines.ToString());

        await TestWait.UntilAsync(() => Firing("api-1") is not null, s_wait, "a firing webhook for the outlier of api-1");
        var firing = Firing("api-1")!;
        firing["labels"]!.ToJsonString().Should().Be("""{"alertname":"LatencyOdd","host":"api-1","severity":"warning","team":"api"}""");
        firing["annotations"]!["summary"]!.GetValue<string>().Should().Be("api-1 latency 30 is more than 3 sigma off");
        Time(firing["startsAt"]).Should().Be(t0 + 6000, "the evaluation time is the outlier's time");
        Resolved("api-1").Should().BeNull();

        // Back to normal at t = 7; another clock sample moves the watermark past it.
        await SendAsync(f, $"latency,host=api-1 value=12 {t0 + 7000}\nclock,host=other value=1 {t0 + 20_000}\n");
        await TestWait.UntilAsync(() => Resolved("api-1") is not null, s_wait, "a resolved webhook for api-1");
        var resolved = Resolved("api-1")!;
        resolved["annotations"]!["summary"]!.GetValue<string>().Should().Be("api-1 latency 12 is more than 3 sigma off", "annotations are rendered with the resolving value");
        Time(resolved["startsAt"]).Should().Be(t0 + 6000);
        Time(resolved["endsAt"]).Should().Be(t0 + 7000, "resolved at the normal sample's time");
        _hook.Payloads.SelectMany(p => p["alerts"]!.AsArray()).Count(a => a!["status"]!.GetValue<string>() == "firing").Should().Be(1, "one outlier, one firing notification");
    }

    private static long Time(JsonNode? node) =>
        DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    /// <summary>The records the job's vertices whose name contains <paramref name="name"/> received (since the job started).</summary>
    private static async Task<long> RecordsInAsync(ServerFixture f, string name)
    {
        var job = JsonNode.Parse(await f.Client.GetStringAsync("/api/v1/jobs/flinq-storage"))!;
        return job["vertices"]!.AsArray().Where(v => v!["name"]!.GetValue<string>().Contains(name, StringComparison.Ordinal))
            .Sum(v => v!["recordsIn"]!.GetValue<long>());
    }

    private System.Text.Json.Nodes.JsonNode? Firing(string host) => Alert(host, "firing");

    private System.Text.Json.Nodes.JsonNode? Resolved(string host) => Alert(host, "resolved");

    private System.Text.Json.Nodes.JsonNode? Alert(string host, string status) =>
        _hook.Payloads.SelectMany(p => p["alerts"]!.AsArray())
            .FirstOrDefault(a => a!["status"]!.GetValue<string>() == status && a["labels"]?["host"]?.GetValue<string>() == host);

    private static async Task ReportAsync(ServerFixture f, params string[] hosts)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await SendAsync(f, string.Concat(hosts.Select(h => $"node,host={h} up=1 {now}\n")));
        await Task.Delay(200);
    }
}

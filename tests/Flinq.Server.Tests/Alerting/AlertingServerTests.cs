using System.Net;
using System.Text.Json.Nodes;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Server.Configuration;

namespace Flinq.Server.Tests.Alerting;

public sealed class AlertingServerTests : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(120);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flinq-alerting-test-" + Guid.NewGuid().ToString("N"));
    private FlinqServer? _server;
    private HttpClient? _client;

    private static AlertRule HostDown() => new()
    {
        Name = "HostDown",
        Kind = RuleKind.Absence,
        Severity = "critical",
        Labels = new Dictionary<string, string> { ["team"] = "ops" },
        Annotations = new Dictionary<string, string> { ["summary"] = "{{ $labels.host }} silent for {{ $value }}s (limit {{ $threshold }}s)" },
        Absence = new AbsenceSpec { Selector = new MetricSelector("node_up", []), GroupBy = ["host"], SilentFor = TimeSpan.FromSeconds(1) },
    };

    private async Task StartAsync()
    {
        _server = await FlinqServer.StartAsync(new ServerOptions
        {
            Listen = "127.0.0.1:0", DataDirectory = _data, CheckpointInterval = TimeSpan.FromMilliseconds(200),
        });
        _client = new HttpClient { BaseAddress = _server.Address, Timeout = TimeSpan.FromSeconds(30) };
        _server.Rules.Put(HostDown()).Status.Should().BeOneOf(RuleWriteStatus.Created, RuleWriteStatus.Unchanged);
    }

    private async Task StopAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync();
        }

        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Sends node_up for the hosts a few times (the rule reaches the job on its own path, so the first send may precede it).</summary>
    private async Task ReportAsync(params string[] hosts)
    {
        for (int round = 0; round < 4; round++)
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var body = string.Concat(hosts.Select(h => $"{{\"name\":\"node\",\"timestamp\":{now},\"fields\":{{\"up\":1}},\"tags\":{{\"host\":\"{h}\"}}}}\n"));
            using var response = await _client!.PostAsync("/api/v1/ingest/metrics", Encoders.Text(body, "application/x-ndjson"));
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            await Task.Delay(100);
        }
    }

    private async Task<JsonArray> AlertsAsync(string query = "")
    {
        using var response = await _client!.GetAsync("/api/v1/alerts" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["alerts"]!.AsArray();
    }

    private async Task<JsonArray> HistoryAsync(string query = "")
    {
        using var response = await _client!.GetAsync("/api/v1/alerts/history" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["events"]!.AsArray();
    }

    private static string Host(JsonNode? n) => n!["labels"]!["host"]!.GetValue<string>();

    private static string Transition(JsonNode? n) => $"{Host(n)}:{n!["from"]!.GetValue<string>()}->{n["to"]!.GetValue<string>()}";

    [Fact]
    public async Task AbsenceRule_EveryHostSilent_FiringInApiAndHistory_ResolvesWhenDataReturns()
    {
        await StartAsync();
        await ReportAsync("a", "b");

        // Nobody sends anything now: both hosts must go firing on processing time alone.
        await TestWait.UntilAsync(async () => (await AlertsAsync("?state=firing")).Count == 2, s_wait, "two firing alerts");
        var alerts = await AlertsAsync("?state=firing&rule=HostDown");
        alerts.Select(Host).Should().BeEquivalentTo(["a", "b"]);
        var a = alerts.First(x => Host(x) == "a")!;
        a["rule"]!.GetValue<string>().Should().Be("HostDown");
        a["state"]!.GetValue<string>().Should().Be("firing");
        a["fingerprint"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{16}$");
        a["labels"]!.ToJsonString().Should().Be("{\"alertname\":\"HostDown\",\"host\":\"a\",\"severity\":\"critical\",\"team\":\"ops\"}");
        a["annotations"]!["summary"]!.GetValue<string>().Should().MatchRegex(@"^a silent for [0-9.]+s \(limit 1s\)$");
        DateTimeOffset.Parse(a["firedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(-1));
        a["value"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(1);
        (await AlertsAsync("?state=pending")).Should().BeEmpty();
        (await AlertsAsync("?rule=other")).Should().BeEmpty();

        await TestWait.UntilAsync(async () => (await HistoryAsync()).Count == 2, s_wait, "the firing transitions in the history (after a checkpoint)");
        (await HistoryAsync("?rule=HostDown")).Select(Transition).Should().BeEquivalentTo(["a:inactive->firing", "b:inactive->firing"]);

        // Host a reports again: its alert resolves, b keeps firing.
        await ReportAsync("a");
        await TestWait.UntilAsync(async () => (await AlertsAsync()).Count == 1, s_wait, "host a's alert to resolve");
        (await AlertsAsync()).Select(Host).Should().Equal("b");
        await TestWait.UntilAsync(async () => (await HistoryAsync()).Count == 3, s_wait, "the resolve in the history");
        Transition((await HistoryAsync())[0]).Should().Be("a:firing->resolved", "newest first");
        (await HistoryAsync("?limit=1")).Should().HaveCount(1);
    }

    [Fact]
    public async Task Restart_WhileFiring_StillFiringAndNoSecondFiringTransition()
    {
        await StartAsync();
        await ReportAsync("a");
        await TestWait.UntilAsync(async () => (await HistoryAsync()).Count == 1, s_wait, "the firing transition in the history");
        var before = (await AlertsAsync()).Single()!;
        await StopAsync();

        await StartAsync();
        var after = (await AlertsAsync("?state=firing")).Should().ContainSingle("the view is rebuilt from the history").Subject!;
        after["fingerprint"]!.GetValue<string>().Should().Be(before["fingerprint"]!.GetValue<string>());
        after["firedAt"]!.GetValue<string>().Should().Be(before["firedAt"]!.GetValue<string>());

        // The restored job keeps evaluating (host a is still silent) through several checkpoints: no new transition.
        long seen = _server!.Job.Checkpoints.Count == 0 ? 0 : _server.Job.Checkpoints.Max(c => c.CheckpointId);
        await TestWait.UntilAsync(() => _server.Job.Checkpoints.Any(c => c.CheckpointId >= seen + 5), s_wait, "five checkpoints after the restart");
        (await HistoryAsync()).Select(Transition).Should().Equal("a:inactive->firing");
        (await AlertsAsync("?state=firing")).Should().ContainSingle();

        // The restored state knows the alert is firing: data from host a resolves it (a lost state would not).
        await ReportAsync("a");
        await TestWait.UntilAsync(async () => (await HistoryAsync()).Count == 2, s_wait, "the resolve after the restart");
        (await HistoryAsync()).Select(Transition).Should().Equal("a:firing->resolved", "a:inactive->firing");
        (await AlertsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Api_BadParameters_400NamingTheParameter()
    {
        await StartAsync();
        using var badState = await _client!.GetAsync("/api/v1/alerts?state=open");
        badState.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badState.Content.ReadAsStringAsync()).Should().Contain("state");
        using var badLimit = await _client.GetAsync("/api/v1/alerts/history?limit=0");
        badLimit.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badLimit.Content.ReadAsStringAsync()).Should().Contain("limit");
        using var badFrom = await _client.GetAsync("/api/v1/alerts/history?from=yesterday");
        badFrom.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badFrom.Content.ReadAsStringAsync()).Should().Contain("from");
    }
}

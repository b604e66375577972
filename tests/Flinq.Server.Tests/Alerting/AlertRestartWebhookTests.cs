using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Flinq.Server.Tests.Alertmanager;
using Xunit.Abstractions;

namespace Flinq.Server.Tests.Alerting;

/// <summary>
/// Restarts in the middle of firing, with the real <c>flinq server</c> process killed by SIGKILL, checked where it
/// matters: at the receivers' webhooks. A threshold rule fires for three hosts; the process is killed and restarted on
/// the same data directory while the hosts stay hot; then the hosts cool down one after the other.
/// </summary>
/// <remarks>
/// <para>Two receivers see every alert: <c>per-alert</c> (one group per host, so each notification carries one alert)
/// and <c>grouped</c> (one group for the rule: every notification lists the group's current alerts, as Alertmanager
/// does; a receiver sees an alert "newly firing" when it is firing in a notification and was not in the previous one).</para>
/// <para>The guarantee (see src/Flinq.Server/README.md, "Notifications across restarts"): every alert is notified firing
/// at least once and resolved at least once; a notification the notification log (<c>DATA/alertmanager/nflog.json</c>)
/// recorded before the crash is not sent again. A notification delivered but not yet recorded when the process died
/// may be sent once more (Alertmanager's nflog has the same window).</para>
/// </remarks>
public sealed class AlertRestartWebhookTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(150);
    private static readonly string[] s_hosts = ["h1", "h2", "h3"];
    private readonly ITestOutputHelper _output;
    private readonly WebhookCapture _perAlert = new();
    private readonly WebhookCapture _grouped = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flinq-alert-restart-" + Guid.NewGuid().ToString("N"));
    private readonly string _config;
    private readonly HashSet<string> _hot = new(StringComparer.Ordinal);
    private volatile HttpClient? _client;

    public AlertRestartWebhookTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_data);
        _config = Path.Combine(_data, "alertmanager.yml");
        // group_wait 1s: a crash can fall between the lifecycle's post and the delivery; repeat_interval 24h: any
        // second firing notification in this test is a repeat the notification log should have prevented.
        File.WriteAllText(_config, $"""
            route:
              receiver: per-alert
              group_by: [alertname, host]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 24h
              routes:
                - receiver: per-alert
                  continue: true
                - receiver: grouped
                  group_by: [alertname]
            receivers:
              - name: per-alert
                webhook_configs:
                  - url: '{_perAlert.Url}'
                    send_resolved: true
              - name: grouped
                webhook_configs:
                  - url: '{_grouped.Url}'
                    send_resolved: true
            """);
    }

    public void Dispose()
    {
        _perAlert.Dispose();
        _grouped.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Killed after every firing notification was delivered, recorded in the notification log and covered by a
    /// completed checkpoint: after the restart no alert is notified firing again, and each is resolved exactly once
    /// — also in the grouped receiver, whose notifications list all of the group's alerts.
    /// </summary>
    [Fact]
    public async Task KillNine_AfterNotifiedAndCheckpointed_ExactlyOneFiringAndOneResolvedPerAlert()
    {
        var recorded = await RunAsync("1s", async server =>
        {
            await WaitAllFiringAsync();
            await WaitRecordedAsync(s_hosts.Length);
            var after = DateTimeOffset.UtcNow;
            await TestWait.UntilAsync(async () => await CheckpointCompletedAfterAsync(server, after), s_wait, "a checkpoint completed after the notification log recorded the firing alerts");
        });

        recorded.PerAlert.Should().HaveCount(s_hosts.Length, "every firing notification was recorded before the kill");
        AssertPerAlert(recorded.PerAlert);
        AssertGrouped(recorded.Grouped);
        foreach (var host in s_hosts)
        {
            Notified(_perAlert, host, "firing").Should().Be(1, "{0} was notified and checkpointed before the kill", host);
        }
    }

    /// <summary>
    /// Killed at a random moment of the first 12 s after the first firing notification (while other notifications wait
    /// for group_wait, between a delivery and its notification log record, between the record and the next checkpoint,
    /// or after it; the default checkpoint interval of 10 s makes "before the checkpoint" likely). Whatever the moment: at least one firing and exactly one resolved
    /// notification per alert, and no second firing notification for an alert the notification log had recorded.
    /// </summary>
    [Fact]
    public async Task KillNine_AtRandomMomentOfFiring_AtLeastOnceAndNoRepeatOfRecorded()
    {
        int delayMs = Random.Shared.Next(0, 12_000);
        _output.WriteLine($"killing {delayMs} ms after the first firing notification");
        var recorded = await RunAsync("10s", async _ =>
        {
            await TestWait.UntilAsync(() => !_perAlert.Payloads.IsEmpty || !_grouped.Payloads.IsEmpty, s_wait, "the first firing notification");
            await Task.Delay(delayMs);
        });

        _output.WriteLine($"recorded in the notification log at the kill: per-alert {recorded.PerAlert.Count}, grouped {recorded.Grouped.Count} of {s_hosts.Length}");
        AssertPerAlert(recorded.PerAlert);
        AssertGrouped(recorded.Grouped);
    }

    /// <summary>
    /// The per-alert receiver answers 500 while the alerts fire (posted, not delivered, nothing in the notification log),
    /// and the process is killed after a checkpoint holds them firing. The restored job does not post them again before
    /// its resend delay (1 min); the pipeline's journal does: each is delivered once after the restart, then resolved once.
    /// </summary>
    [Fact]
    public async Task KillNine_WhileDeliveriesFail_EachDeliveredOnceAfterRestart()
    {
        _perAlert.StatusCode = 500;
        var recorded = await RunAsync("1s", async server =>
        {
            await TestWait.UntilAsync(() => s_hosts.All(h => Notified(_grouped, h, "firing") > 0), s_wait, "the grouped receiver notified of every host");
            var after = DateTimeOffset.UtcNow;
            await TestWait.UntilAsync(async () => await CheckpointCompletedAfterAsync(server, after), s_wait, "a checkpoint holding the firing alerts");
        },
        afterKill: () =>
        {
            _perAlert.Payloads.Should().BeEmpty("the per-alert receiver refused every delivery");
            _perAlert.StatusCode = 200;
        },
        afterRestart: async client =>
        {
            // Before the restored job evaluated anything: the alerts are back in the pipeline, from its journal.
            var alerts = JsonNode.Parse(await client.GetStringAsync("/api/v2/alerts?active=true"))!.AsArray();
            alerts.Select(a => a!["labels"]!["host"]!.GetValue<string>()).Should().BeEquivalentTo(s_hosts);
        });

        recorded.PerAlert.Should().BeEmpty();
        AssertPerAlert(recorded.PerAlert);
        AssertGrouped(recorded.Grouped);
        foreach (var host in s_hosts)
        {
            Notified(_perAlert, host, "firing").Should().Be(1, "{0}: one delivery after the restart", host);
        }
    }

    /// <summary>
    /// Starts the server, creates the rule, feeds the hosts hot, runs <paramref name="beforeKill"/>, SIGKILLs the process,
    /// restarts it while the hosts stay hot, then cools them one at a time, waiting for each resolved notification.
    /// Returns the fingerprints the notification log held as notified firing, per receiver, when the process died.
    /// </summary>
    private async Task<(HashSet<string> PerAlert, HashSet<string> Grouped)> RunAsync(
        string checkpointInterval, Func<FlinqProcess, Task> beforeKill, Action? afterKill = null, Func<HttpClient, Task>? afterRestart = null)
    {
        string[] flags = ["--alertmanager-config", _config, "--checkpoint-interval", checkpointInterval];
        using var stop = new CancellationTokenSource();
        lock (_hot)
        {
            _hot.UnionWith(s_hosts);
        }

        (HashSet<string> PerAlert, HashSet<string> Grouped) recorded;
        Task feeder;
        using (var server = await FlinqProcess.StartAsync(_data, flags))
        {
            _client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
            await PutRuleAsync(_client);
            feeder = Task.Run(() => FeedAsync(stop.Token));
            await beforeKill(server);
            server.KillHard();
            _output.WriteLine($"killed at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
            recorded = (RecordedFiring("per-alert/webhook[0]"), RecordedFiring("grouped/webhook[0]"));
        }

        afterKill?.Invoke();

        _output.WriteLine($"before the kill: per-alert {_perAlert.Payloads.Count}, grouped {_grouped.Payloads.Count} notifications");
        using (var restarted = await FlinqProcess.StartAsync(_data, flags))
        {
            _output.WriteLine($"restarted at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
            var old = _client;
            _client = new HttpClient { BaseAddress = restarted.Address, Timeout = TimeSpan.FromSeconds(30) };
            old?.Dispose();
            if (afterRestart is not null)
            {
                await afterRestart(_client);
            }

            // The hosts stay hot until every alert fires again in the restored job (or still fires in the restored
            // state) and the lifecycle has evaluated each host after the restart.
            await WaitAllFiringAsync();
            await TestWait.UntilAsync(async () => (await FiringRuleAlertsAsync()) == s_hosts.Length, s_wait, "all three alerts firing in the restarted server");
            await TestWait.UntilAsync(async () => await LifecycleRecordsInAsync() >= 4 * s_hosts.Length, s_wait, "evaluations of every host after the restart");

            foreach (var host in s_hosts)
            {
                lock (_hot)
                {
                    _hot.Remove(host);
                }

                await TestWait.UntilAsync(() => Notified(_perAlert, host, "resolved") > 0 && Notified(_grouped, host, "resolved") > 0, s_wait, $"the resolved notifications of {host}");
            }

            // Quiet period: anything still to come (a repeat, a late resolve) has several group intervals to arrive.
            await Task.Delay(TimeSpan.FromSeconds(5));
            await stop.CancelAsync();
            await feeder;
            _client.Dispose();
        }

        return recorded;
    }

    private void AssertPerAlert(HashSet<string> recorded)
    {
        foreach (var payload in _perAlert.Payloads)
        {
            payload["alerts"]!.AsArray().Should().ContainSingle("the per-alert receiver groups by host");
        }

        foreach (var host in s_hosts)
        {
            int firing = Notified(_perAlert, host, "firing");
            firing.Should().BeInRange(1, recorded.Contains(Fingerprint(host)) ? 1 : 2,
                "{0}: at least once; a second firing notification only when the first was not yet recorded at the crash (per-alert: {1})", host, Describe(_perAlert));
            Notified(_perAlert, host, "resolved").Should().Be(1, "{0} resolved once (per-alert: {1})", host, Describe(_perAlert));
        }
    }

    /// <summary>The grouped receiver's view: each host newly firing once (twice only if unrecorded at the kill), resolved once, then never listed again.</summary>
    private void AssertGrouped(HashSet<string> recorded)
    {
        var firingBefore = new HashSet<string>(StringComparer.Ordinal);
        var newlyFiring = s_hosts.ToDictionary(h => h, _ => 0);
        var resolved = s_hosts.ToDictionary(h => h, _ => 0);
        foreach (var payload in _grouped.Payloads)
        {
            var firing = new HashSet<string>(StringComparer.Ordinal);
            foreach (var alert in payload["alerts"]!.AsArray())
            {
                string host = alert!["labels"]!["host"]!.GetValue<string>();
                if (alert["status"]!.GetValue<string>() == "firing")
                {
                    resolved[host].Should().Be(0, "{0} is listed firing after its resolved notification ({1})", host, Describe(_grouped));
                    firing.Add(host);
                    if (!firingBefore.Contains(host))
                    {
                        newlyFiring[host]++;
                    }
                }
                else
                {
                    resolved[host]++;
                }
            }

            firingBefore = firing;
        }

        foreach (var host in s_hosts)
        {
            newlyFiring[host].Should().BeInRange(1, recorded.Contains(Fingerprint(host)) ? 1 : 2, "{0} newly firing in the grouped receiver ({1})", host, Describe(_grouped));
            resolved[host].Should().Be(1, "{0} resolved once in the grouped receiver ({1})", host, Describe(_grouped));
        }

        _grouped.Payloads.Last()["status"]!.GetValue<string>().Should().Be("resolved");
    }

    private static async Task PostAsync(HttpClient client, string lines, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
            using var response = await client.PostAsync("/write?precision=ms", content, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ObjectDisposedException)
        {
            // The server is being killed or restarted: the next round goes to the new one.
        }
    }

    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>();
        await FeedLoopAsync(inFlight, cancellationToken);
        await Task.WhenAll(inFlight);
    }

    private async Task FeedLoopAsync(List<Task> inFlight, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var lines = new StringBuilder();
            lock (_hot)
            {
                foreach (var host in s_hosts)
                {
                    lines.Append(CultureInfo.InvariantCulture, $"cpu,host={host} value={(_hot.Contains(host) ? 95 : 20)} {now}\n");
                }
            }

            // Not awaited: a write answers after its storage commit, which can take seconds under load; waiting would
            // leave gaps in the samples' times (empty windows, NoData) that have nothing to do with the restart.
            inFlight.Add(PostAsync(_client!, lines.ToString(), cancellationToken));

            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    private async Task WaitAllFiringAsync() =>
        await TestWait.UntilAsync(() => s_hosts.All(h => Notified(_perAlert, h, "firing") > 0), s_wait, "a firing notification for every host");

    /// <summary>Until the notification log on disk holds <paramref name="count"/> fingerprints notified firing to the per-alert receiver.</summary>
    private async Task WaitRecordedAsync(int count) =>
        await TestWait.UntilAsync(() => RecordedFiring("per-alert/webhook[0]").Count == count && RecordedFiring("grouped/webhook[0]").Count == count, s_wait, "the notification log recording every firing alert");

    private HashSet<string> RecordedFiring(string receiver)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return RecordedFiringFromFile(receiver);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>The fingerprints in the firing sets of <paramref name="receiver"/>'s entries of <c>DATA/alertmanager/nflog.json</c>.</summary>
    private HashSet<string> RecordedFiringFromFile(string receiver)
    {
        string path = Path.Combine(_data, "alertmanager", "nflog.json");
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return entries.Where(e => e!["Receiver"]!.GetValue<string>() == receiver)
            .SelectMany(e => e!["Firing"]!.AsArray().Select(f => f!.GetValue<string>()))
            .ToHashSet(StringComparer.Ordinal);
    }

    private string Fingerprint(string host) =>
        _perAlert.Payloads.SelectMany(p => p["alerts"]!.AsArray())
            .First(a => a!["labels"]!["host"]!.GetValue<string>() == host)!["fingerprint"]!.GetValue<string>();

    private static int Notified(WebhookCapture hook, string host, string status) =>
        hook.Payloads.Count(p => p["alerts"]!.AsArray().Any(a => a!["status"]!.GetValue<string>() == status && a["labels"]!["host"]!.GetValue<string>() == host));

    private static string Describe(WebhookCapture hook) =>
        string.Join(" | ", hook.Payloads.Select(p => p["status"]!.GetValue<string>() + " " + p["alerts"]![0]!["startsAt"] + ": " +
            string.Join(",", p["alerts"]!.AsArray().Select(a => a!["labels"]!["host"]!.GetValue<string>() + "=" + a["status"]!.GetValue<string>() + " (" + a["annotations"]?["summary"] + ", ends " + a["endsAt"] + ")"))));

    private static async Task<bool> CheckpointCompletedAfterAsync(FlinqProcess server, DateTimeOffset after)
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        var job = JsonNode.Parse(await client.GetStringAsync("/api/v1/jobs/flinq-storage"))!;
        return job["checkpoints"]!.AsArray().Any(c => c!["status"]!.GetValue<string>() == "COMPLETED" &&
            DateTimeOffset.Parse(c["triggerTime"]!.GetValue<string>(), CultureInfo.InvariantCulture) > after);
    }

    /// <summary>Records the lifecycle operator received since the (re)start: evaluations plus the rule snapshot.</summary>
    private async Task<long> LifecycleRecordsInAsync()
    {
        var job = JsonNode.Parse(await _client!.GetStringAsync("/api/v1/jobs/flinq-storage"))!;
        return job["vertices"]!.AsArray().Where(v => v!["name"]!.GetValue<string>().Contains("Alert lifecycle", StringComparison.Ordinal))
            .Sum(v => v!["recordsIn"]!.GetValue<long>());
    }

    private async Task<int> FiringRuleAlertsAsync()
    {
        var json = JsonNode.Parse(await _client!.GetStringAsync("/api/v1/alerts?state=firing&rule=HotCpu"))!;
        return json["alerts"]!.AsArray().Count;
    }

    private static async Task PutRuleAsync(HttpClient client)
    {
        using var content = new StringContent("""
            kind: threshold
            severity: critical
            annotations: {summary: "{{ $labels.host }} CPU {{ $value }}"}
            threshold: {metric: cpu, aggregation: max, window: 2s, group_by: [host], op: ">", value: 90}
            """, Encoding.UTF8, "application/yaml");
        using var response = await client.PutAsync("/api/v1/rules/HotCpu", content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

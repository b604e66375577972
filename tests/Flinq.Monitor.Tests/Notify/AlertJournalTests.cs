using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>
/// The pipeline's alerts across a crash (<c>alerts.jsonl</c>). Each "restart" creates a second pipeline on the same
/// directory; the first is disposed, which writes nothing (the journal is appended as alerts arrive), so the second
/// reads what a SIGKILL would have left.
/// </summary>
public sealed class AlertJournalTests : IDisposable
{
    private const string Config = """
        route:
          receiver: team
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 24h
        receivers:
          - name: team
            test_configs: [{name: team, send_resolved: true}]
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flinq-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>
    /// A rule job notified firing, then crashed before checkpointing the firing state: restored, it never mentions the
    /// alert again. The journal keeps the alert, which resolves at its EndsAt — a resolved notification instead of a
    /// receiver left with a firing alert forever. The control (journal removed) notifies nothing.
    /// </summary>
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task Crash_RaiserForgetsFiringAlert_ResolvedAtItsEndsAt(bool keepJournal, int resolvedNotifications)
    {
        await using (var first = PipelineHarness.Create(Config, _dir))
        {
            first.Pipeline.Post([new Alert { Labels = Labels.FromPairs([("alertname", "Hot"), ("host", "a")]), StartsAt = first.Now, EndsAt = first.Now + TimeSpan.FromMinutes(4) }]);
            await first.AdvanceAsync(TimeSpan.FromSeconds(30));
            first.Notifier("team").Received.Should().ContainSingle().Which.Status.Should().Be("firing");
        }

        if (!keepJournal)
        {
            File.Delete(Path.Combine(_dir, "alerts.jsonl"));
        }

        await using var second = PipelineHarness.Create(Config, _dir, new FakeTimeProvider(PipelineHarness.Start + TimeSpan.FromMinutes(1)));
        second.Pipeline.GetAlerts(second.Now).Should().HaveCount(keepJournal ? 1 : 0, "the restarted pipeline holds what the crashed one held");
        await second.AdvanceAsync(TimeSpan.FromMinutes(10));
        var received = second.Notifier("team").Received.ToList();
        received.Should().HaveCount(resolvedNotifications, "nothing is notified firing again; the resolution is notified once");
        if (keepJournal)
        {
            received[0].Status.Should().Be("resolved");
            // Its presumed end (10:04) moved by the minute the pipeline was down (last post 10:00, restart 10:01).
            received[0].Alerts.Should().ContainSingle().Which.EndsAt.Should().Be(Flinq.Time.Timestamp.FromDateTimeOffset(PipelineHarness.Start + TimeSpan.FromMinutes(5)));
        }
    }

    /// <summary>
    /// A group notified as {a, b, c}; after the restart the raiser reports only "a resolved" (b and c are still firing,
    /// their re-sends come later). Without the journal the group would hold a alone: "all resolved", then "b, c firing"
    /// again on the re-sends. With it: one notification listing a resolved and b, c firing, and no repeat.
    /// </summary>
    [Fact]
    public async Task Crash_GroupPartlyResolvedAfterRestart_NoFalseAllResolvedAndNoRepeat()
    {
        await using (var first = PipelineHarness.Create(Config, _dir))
        {
            first.Fire(("alertname", "Hot"), ("host", "a"));
            first.Fire(("alertname", "Hot"), ("host", "b"));
            first.Fire(("alertname", "Hot"), ("host", "c"));
            await first.AdvanceAsync(TimeSpan.FromSeconds(30));
            first.Notifier("team").Received.Should().ContainSingle().Which.Alerts.Should().HaveCount(3);
        }

        await using var second = PipelineHarness.Create(Config, _dir, new FakeTimeProvider(PipelineHarness.Start + TimeSpan.FromMinutes(1)));
        second.Resolve(("alertname", "Hot"), ("host", "a"));
        await second.AdvanceAsync(TimeSpan.FromSeconds(30));
        var notification = second.Notifier("team").Received.Should().ContainSingle().Subject;
        notification.Status.Should().Be("firing");
        notification.Alerts.Select(a => a.Labels.Get("host") + "=" + (a.IsResolvedAt(second.Now) ? "resolved" : "firing"))
            .Should().Equal("a=resolved", "b=firing", "c=firing");

        second.Fire(("alertname", "Hot"), ("host", "b")); // the re-sends
        second.Fire(("alertname", "Hot"), ("host", "c"));
        await second.AdvanceAsync(TimeSpan.FromMinutes(15));
        second.Notifier("team").Received.Should().ContainSingle("b and c were notified before the crash");
    }

    /// <summary>
    /// Down longer than the alerts' presumed end (EndsAt 10:04, restart at 10:30): the raiser could not re-send them
    /// meanwhile, so they are not resolved by the downtime; their ends move by it. Nothing is notified.
    /// </summary>
    [Fact]
    public async Task Crash_DownLongerThanEndsAt_NotResolvedByTheDowntime()
    {
        await using (var first = PipelineHarness.Create(Config, _dir))
        {
            first.Pipeline.Post([new Alert { Labels = Labels.FromPairs([("alertname", "Hot"), ("host", "a")]), StartsAt = first.Now, EndsAt = first.Now + TimeSpan.FromMinutes(4) }]);
            await first.AdvanceAsync(TimeSpan.FromSeconds(30));
            first.Notifier("team").Received.Should().ContainSingle();
        }

        await using var second = PipelineHarness.Create(Config, _dir, new FakeTimeProvider(PipelineHarness.Start + TimeSpan.FromMinutes(30)));
        second.Pipeline.GetAlerts(second.Now).Should().ContainSingle("still firing after the restart");
        await second.AdvanceAsync(TimeSpan.FromMinutes(2));
        second.Notifier("team").Received.Should().BeEmpty();
    }

    /// <summary>An alert notified resolved (and let go by its group) before the crash is not notified again, nor listed.</summary>
    [Fact]
    public async Task Crash_AfterResolvedNotified_NothingAgain()
    {
        await using (var first = PipelineHarness.Create(Config, _dir))
        {
            first.Fire(("alertname", "Hot"), ("host", "a"));
            first.Fire(("alertname", "Hot"), ("host", "b"));
            await first.AdvanceAsync(TimeSpan.FromSeconds(30));
            first.Resolve(("alertname", "Hot"), ("host", "a"));
            await first.AdvanceAsync(TimeSpan.FromMinutes(5));
            first.Notifier("team").Received.Should().HaveCount(2);
        }

        await using var second = PipelineHarness.Create(Config, _dir, new FakeTimeProvider(PipelineHarness.Start + TimeSpan.FromMinutes(6)));
        second.Pipeline.GetAlerts(second.Now).Select(a => a.Alert.Labels.Get("host")).Should().Equal("b");
        await second.AdvanceAsync(TimeSpan.FromMinutes(15));
        second.Notifier("team").Received.Should().BeEmpty();
    }

    [Fact]
    public async Task TornLastLine_Ignored_CorruptLineElsewhere_NamesTheLine()
    {
        await using (var first = PipelineHarness.Create(Config, _dir))
        {
            first.Fire(("alertname", "Hot"), ("host", "a"));
        }

        string path = Path.Combine(_dir, "alerts.jsonl");
        File.AppendAllText(path, "{\"labels\":{\"alertname\":\"Ho");
        await using (var second = PipelineHarness.Create(Config, _dir))
        {
            second.Pipeline.GetAlerts(second.Now).Should().ContainSingle();
        }

        File.WriteAllText(path, "not json\n" + File.ReadAllText(path));
        var act = () => PipelineHarness.Create(Config, _dir);
        act.Should().Throw<InvalidDataException>().WithMessage("*alerts.jsonl line 1 is corrupt*move the file away*");
    }
}

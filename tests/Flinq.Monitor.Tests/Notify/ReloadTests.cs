using Flinq.Monitor.Notify.Configuration;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Notify;

/// <summary><see cref="Flinq.Monitor.Notify.NotificationPipeline.Reload"/> as Alertmanager's reload: alerts kept and regrouped, the notification log kept.</summary>
public sealed class ReloadTests
{
    private const string TeamOnly = """
        route:
          receiver: team
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 1h
        receivers:
          - name: team
            test_configs: [{name: team-hook}]
          - name: pager
            test_configs: [{name: pager-hook}]
        """;

    private const string CriticalToPager = """
        route:
          receiver: team
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 1h
          routes:
            - matchers: ['severity="critical"']
              receiver: pager
        receivers:
          - name: team
            test_configs: [{name: team-hook}]
          - name: pager
            test_configs: [{name: pager-hook}]
        """;

    [Fact]
    public async Task Reload_NewRoute_HeldAlertGoesToTheNewReceiverAfterGroupWait_OldOneHearsNothingMore()
    {
        await using var h = PipelineHarness.Create(TeamOnly);
        h.Fire(("alertname", "DiskFull"), ("severity", "critical"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        h.Notifier("team-hook").Received.Should().ContainSingle();

        h.Pipeline.Reload(CriticalToPager).Should().BeTrue();
        h.Pipeline.Receivers(Labels.FromPairs(("alertname", "DiskFull"), ("severity", "critical"))).Should().Equal("pager");
        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        h.Parser.Notifiers.ContainsKey("pager-hook").Should().BeTrue();
        h.Notifier("pager-hook").Received.Should().BeEmpty("the new group waits group_wait from the reload");
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        h.Notifier("pager-hook").Received.Should().ContainSingle().Which.Alerts.Should().ContainSingle();

        await h.AdvanceAsync(TimeSpan.FromMinutes(30));
        h.Notifier("team-hook").Received.Should().ContainSingle("the alert is no longer routed to team");
        h.Notifier("pager-hook").Received.Should().ContainSingle("nothing changed since, repeat_interval is 1h");
    }

    [Fact]
    public async Task Reload_SameRoutingOtherText_NotifiedAlertIsNotNotifiedAgain()
    {
        await using var h = PipelineHarness.Create(TeamOnly);
        h.Fire(("alertname", "DiskFull"), ("host", "a"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        h.Notifier("team-hook").Received.Should().ContainSingle();

        h.Pipeline.Reload("# reloaded\n" + TeamOnly).Should().BeTrue();
        await h.AdvanceAsync(TimeSpan.FromMinutes(10));
        h.Notifier("team-hook").Received.Should().ContainSingle("the notification log already holds this group's firing alert");

        h.Fire(("alertname", "DiskFull"), ("host", "b"));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        h.Notifier("team-hook").Received.Should().HaveCount(2, "a new alert in the regrouped group is notified");
        h.Notifier("team-hook").Received.Last().Alerts.Should().HaveCount(2);
    }

    [Fact]
    public async Task Reload_ResolvedBeforeItsNotification_ResolutionStillSent()
    {
        await using var h = PipelineHarness.Create(TeamOnly);
        h.Fire(("alertname", "DiskFull"), ("host", "a"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        h.Resolve(("alertname", "DiskFull"), ("host", "a"));

        h.Pipeline.Reload("# reloaded\n" + TeamOnly).Should().BeTrue();
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var received = h.Notifier("team-hook").Received;
        received.Should().HaveCount(2);
        received.Last().Status.Should().Be("resolved");
    }

    [Fact]
    public async Task Reload_InvalidOrIdentical_KeepsTheRunningConfiguration()
    {
        await using var h = PipelineHarness.Create(CriticalToPager);
        var critical = Labels.FromPairs(("alertname", "X"), ("severity", "critical"));

        var act = () => h.Pipeline.Reload("route:\n  receiver: nobody\nreceivers:\n  - name: team\n");
        act.Should().Throw<NotifyConfigException>().WithMessage("*nobody*");
        h.Pipeline.Receivers(critical).Should().Equal("pager");
        h.Pipeline.OriginalConfig.Should().Be(CriticalToPager);

        h.Pipeline.Reload(CriticalToPager).Should().BeFalse("the same text changes nothing");
        h.Pipeline.Reload(TeamOnly).Should().BeTrue();
        h.Pipeline.Receivers(critical).Should().Equal("team");
        h.Pipeline.OriginalConfig.Should().Be(TeamOnly);
    }
}

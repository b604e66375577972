using Flinq.Monitor.Notify;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>group_wait, group_interval, repeat_interval and send_resolved as timelines on a fake clock.</summary>
public sealed class GroupingTimelineTests
{
    private const string Config = """
        route:
          receiver: team
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 1h
        receivers:
          - name: team
            test_configs:
              - name: resolved-yes
                send_resolved: true
              - name: resolved-no
                send_resolved: false
        """;

    [Fact]
    public async Task Flush_FollowsGroupWaitGroupIntervalAndRepeatInterval()
    {
        await using var h = PipelineHarness.Create(Config);
        h.Fire(("alertname", "HighLatency"), ("host", "a"));
        var n = h.Parser.Notifiers["resolved-yes"];

        // time (from the first alert) → notifications so far, and the alerts of the last one
        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        n.Received.Should().BeEmpty("group_wait (30s) has not passed");
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        n.Received.Should().ContainSingle("the group flushes at group_wait");
        Hosts(n.Received.Last()).Should().Equal("a");

        await h.AdvanceAsync(TimeSpan.FromSeconds(10)); // t = 40s: a second alert joins the group
        h.Fire(("alertname", "HighLatency"), ("host", "b"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(289)); // t = 5m29s
        n.Received.Should().HaveCount(1, "a new alert waits for the next group_interval tick");
        await h.AdvanceAsync(TimeSpan.FromSeconds(1)); // t = 5m30s
        n.Received.Should().HaveCount(2);
        Hosts(n.Received.Last()).Should().Equal("a", "b");

        await h.AdvanceAsync(TimeSpan.FromMinutes(60)); // ticks at 10m30s ... 1h5m30s: nothing new, repeat_interval not passed
        n.Received.Should().HaveCount(2, "nothing changed and repeat_interval (1h) has not passed since 5m30s");
        await h.AdvanceAsync(TimeSpan.FromMinutes(5)); // tick at 1h10m30s
        n.Received.Should().HaveCount(3, "repeat_interval passed: the group is sent again");
        n.Received.Last().Status.Should().Be("firing");
    }

    [Fact]
    public async Task Resolved_SentOnlyToIntegrationsWithSendResolved_ThenGroupIsGone()
    {
        await using var h = PipelineHarness.Create(Config);
        h.Fire(("alertname", "DiskFull"), ("host", "a"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var yes = h.Notifier("resolved-yes");
        var no = h.Notifier("resolved-no");
        yes.Received.Should().ContainSingle();
        no.Received.Should().ContainSingle();

        await h.AdvanceAsync(TimeSpan.FromSeconds(30)); // t = 1m
        h.Resolve(("alertname", "DiskFull"), ("host", "a"));
        await h.AdvanceAsync(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(30)); // tick at 5m30s
        yes.Received.Should().HaveCount(2);
        var last = yes.Received.Last();
        last.Status.Should().Be("resolved");
        last.Alerts.Should().ContainSingle().Which.IsResolvedAt(last.Time).Should().BeTrue();
        no.Received.Should().ContainSingle("send_resolved: false");
        h.Pipeline.GetGroups(h.Now).Should().BeEmpty("a resolved alert leaves its group once notified");
        h.Pipeline.GetAlerts(h.Now).Should().BeEmpty();

        await h.AdvanceAsync(TimeSpan.FromHours(2));
        yes.Received.Should().HaveCount(2, "nothing is repeated for a resolved group");
    }

    [Fact]
    public async Task FiredAndResolvedWithinGroupWait_NotifiesNobody()
    {
        await using var h = PipelineHarness.Create(Config);
        h.Fire(("alertname", "Blip"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        h.Resolve(("alertname", "Blip"));
        await h.AdvanceAsync(TimeSpan.FromMinutes(10));
        h.Notifier("resolved-yes").Received.Should().BeEmpty("the receiver never heard of the alert, so its resolution is not news");
    }

    [Fact]
    public async Task GroupBy_SplitsGroupsAndSetsGroupLabels()
    {
        await using var h = PipelineHarness.Create(Config);
        h.Fire(("alertname", "X"), ("host", "a"));
        h.Fire(("alertname", "X"), ("host", "b"));
        h.Fire(("alertname", "Y"), ("host", "a"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        var received = h.Notifier("resolved-yes").Received.OrderBy(x => x.GroupKey, StringComparer.Ordinal).ToList();
        received.Should().HaveCount(2);
        received[0].GroupKey.Should().Be("{}:{alertname=\"X\"}");
        received[0].GroupLabels.ToString().Should().Be("{alertname=\"X\"}");
        received[0].Alerts.Should().HaveCount(2);
        received[0].CommonLabels.Get("alertname").Should().Be("X");
        received[0].CommonLabels.Get("host").Should().BeNull("host differs between the two alerts");
        received[1].Alerts.Should().ContainSingle();
    }

    [Fact]
    public async Task AlertOlderThanGroupWait_FlushesAtOnce()
    {
        await using var h = PipelineHarness.Create(Config);
        h.Pipeline.Post([new Flinq.Monitor.Alerting.Alert
        {
            Labels = Flinq.Monitor.Telemetry.Labels.FromPairs(("alertname", "Old")),
            StartsAt = h.Now - TimeSpan.FromMinutes(10),
            EndsAt = h.Now + TimeSpan.FromHours(1),
        }]);
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        h.Notifier("resolved-yes").Received.Should().ContainSingle("an alert that started more than group_wait ago does not wait again");
    }

    [Fact]
    public async Task AlertWithoutEndsAt_ResolvesAfterResolveTimeout()
    {
        await using var h = PipelineHarness.Create("global:\n  resolve_timeout: 2m\n" + Config);
        h.Pipeline.Post([new Flinq.Monitor.Alerting.Alert { Labels = Flinq.Monitor.Telemetry.Labels.FromPairs(("alertname", "Silent")), StartsAt = h.Now }]);
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        h.Pipeline.GetAlerts(h.Now).Should().ContainSingle().Which.Alert.EndsAt.Should().Be(Flinq.Time.Timestamp.FromDateTimeOffset(PipelineHarness.Start) + TimeSpan.FromMinutes(2));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        var yes = h.Notifier("resolved-yes").Received;
        yes.Should().HaveCount(2);
        yes.Last().Status.Should().Be("resolved", "not re-sent within resolve_timeout");
    }

    private static List<string> Hosts(Notification n) => [.. n.Alerts.Select(a => a.Labels.Get("host")!)];
}

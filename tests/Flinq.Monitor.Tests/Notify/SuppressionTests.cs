using Flinq.Monitor.Alerting;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>Inhibition rules and mute/active time intervals.</summary>
public sealed class SuppressionTests
{
    [Fact]
    public async Task Inhibition_FiringSourceMutesTargetsWithEqualLabels()
    {
        const string config = """
            route:
              receiver: ops
              group_by: ['...']
              group_wait: 30s
            receivers:
              - name: ops
                test_configs: [{name: ops}]
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity="warning"']
                equal: [instance]
            """;
        await using var h = PipelineHarness.Create(config);
        h.Fire(("alertname", "Slow"), ("severity", "warning"), ("instance", "a"));
        h.Fire(("alertname", "Slow"), ("severity", "warning"), ("instance", "b"));
        h.Fire(("alertname", "Down"), ("severity", "critical"), ("instance", "a"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        var sent = h.Notifier("ops").Received.SelectMany(n => n.Alerts).Select(a => a.Name + "/" + a.Labels.Get("instance")).Order(StringComparer.Ordinal);
        sent.Should().Equal("Down/a", "Slow/b");
        var statuses = h.Pipeline.GetAlerts(h.Now).ToDictionary(a => a.Alert.Name + "/" + a.Alert.Labels.Get("instance"));
        statuses["Slow/a"].State.Should().Be("suppressed");
        statuses["Slow/a"].InhibitedBy.Should().Equal(Alert.FormatFingerprint(statuses["Down/a"].Alert.Fingerprint));
        statuses["Slow/b"].State.Should().Be("active");

        // The source resolves: the target is no longer inhibited and goes out at the next tick.
        h.Resolve(("alertname", "Down"), ("severity", "critical"), ("instance", "a"));
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        h.Notifier("ops").Received.SelectMany(n => n.Alerts).Should().Contain(a => a.Name == "Slow" && a.Labels.Get("instance") == "a");
    }

    [Fact]
    public async Task Inhibition_AlertMatchingBothSidesDoesNotInhibitItself()
    {
        const string config = """
            route:
              receiver: ops
              group_wait: 10s
            receivers:
              - name: ops
                test_configs: [{name: ops}]
            inhibit_rules:
              - source_match: {alertname: Outage}
                target_match_re: {alertname: 'Outage|Slow'}
                equal: [dc]
            """;
        await using var h = PipelineHarness.Create(config);
        h.Fire(("alertname", "Outage"), ("dc", "x"));
        h.Fire(("alertname", "Slow"), ("dc", "x"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        h.Notifier("ops").Received.Should().ContainSingle().Which.Alerts.Select(a => a.Name).Should().Equal("Outage");
    }

    [Fact]
    public async Task MuteTimeInterval_MutesItsRouteOnly()
    {
        // PipelineHarness.Start is Monday 10:00 UTC.
        const string config = """
            route:
              receiver: default
              group_wait: 30s
              routes:
                - matchers: [team="db"]
                  receiver: db
                  mute_time_intervals: [weekday-mornings]
                - matchers: [team="web"]
                  receiver: web
                  active_time_intervals: [nights]
            receivers:
              - name: default
                test_configs: [{name: default}]
              - name: db
                test_configs: [{name: db}]
              - name: web
                test_configs: [{name: web}]
            time_intervals:
              - name: weekday-mornings
                time_intervals:
                  - weekdays: ['monday:friday']
                    times: [{start_time: '08:00', end_time: '12:00'}]
              - name: nights
                time_intervals:
                  - times: [{start_time: '22:00', end_time: '24:00'}, {start_time: '00:00', end_time: '06:00'}]
            """;
        await using var h = PipelineHarness.Create(config);
        h.Fire(("alertname", "A"), ("team", "db"));
        h.Fire(("alertname", "B"), ("team", "web"));
        h.Fire(("alertname", "C"), ("team", "ops"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        h.Notifier("db").Received.Should().BeEmpty("muted on weekday mornings");
        h.Notifier("web").Received.Should().BeEmpty("only active at night");
        h.Notifier("default").Received.Should().ContainSingle();

        await h.AdvanceAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5)); // 12:05: the mute interval is over
        h.Notifier("db").Received.Should().ContainSingle("the mute interval ended and the alert still fires");
        h.Notifier("web").Received.Should().BeEmpty();
    }
}

using Flinq.Monitor.Notify.Configuration;
using Flinq.Monitor.Notify.Routing;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>Loading alertmanager.yml: every section, inheritance of route settings, errors with line and column.</summary>
public sealed class ConfigurationTests
{
    private static NotifyConfig Parse(string yaml) => new NotifyConfigParser([new RecordingNotifier.Parser()], TimeProvider.System).Parse(yaml);

    [Fact]
    public void Parse_FullConfiguration_ResolvesInheritance()
    {
        var config = Parse("""
            global:
              resolve_timeout: 1m30s
              smtp_smarthost: 'localhost:25'
            templates: ['/etc/alertmanager/*.tmpl']
            route:
              receiver: default
              group_by: [alertname, cluster]
              group_wait: 10s
              repeat_interval: 2h
              routes:
                - match: {service: db}
                  match_re: {env: 'prod|staging'}
                  receiver: db
                  group_by: ['...']
                  continue: true
                  routes:
                    - matchers: ['severity=~"critical|page"', 'team!="x"']
                      group_interval: 1m
                      receiver: pager
                - matchers: ['{service="web",env="prod"}']
            receivers:
              - name: default
              - name: db
                test_configs: [{name: db}]
              - name: pager
            inhibit_rules:
              - source_match: {severity: critical}
                target_matchers: [severity="warning"]
                equal: [cluster]
            time_intervals:
              - name: offhours
                time_intervals: [{weekdays: ['saturday', 'sunday']}]
            """);
        config.ResolveTimeout.Should().Be(TimeSpan.FromSeconds(90));
        config.Receivers.Select(r => r.Name).Should().Equal("default", "db", "pager");
        config.Receivers[1].Integrations.Should().ContainSingle();
        config.InhibitRules.Single().SourceMatchers.Single().ToString().Should().Be("severity=\"critical\"");

        var root = Route.Build(config.Route);
        root.GroupBy.Should().Equal("alertname", "cluster");
        var db = root.Children[0];
        db.GroupByAll.Should().BeTrue();
        db.GroupWait.Should().Be(TimeSpan.FromSeconds(10), "inherited");
        db.RepeatInterval.Should().Be(TimeSpan.FromHours(2), "inherited");
        db.GroupInterval.Should().Be(TimeSpan.FromMinutes(5), "the default");
        db.Key.Should().Be("{}/{env=~\"prod|staging\",service=\"db\"}");
        var pager = db.Children[0];
        pager.GroupByAll.Should().BeTrue("inherited from db");
        pager.GroupInterval.Should().Be(TimeSpan.FromMinutes(1));
        root.Children[1].Receiver.Should().Be("default", "inherited");
        root.Children[1].Matchers.Should().HaveCount(2);

        root.Match(Labels.FromPairs(("service", "db"), ("env", "prod"), ("severity", "page"))).Select(r => r.Receiver).Should().Equal("pager");
        root.Match(Labels.FromPairs(("service", "db"), ("env", "prod"), ("severity", "page"), ("team", "x"))).Select(r => r.Receiver).Should().Equal("db");
        root.Match(Labels.FromPairs(("service", "web"), ("env", "prod"))).Select(r => r.Receiver).Should().Equal("default");
    }

    [Theory]
    [InlineData("route:\n  receiver: a\n  group_wait: soon\nreceivers: [{name: a}]\n", 3, 15, "not a valid duration")]
    [InlineData("route:\n  receiver: a\n  colour: red\nreceivers: [{name: a}]\n", 3, 3, "field colour not found in a route")]
    [InlineData("route:\n  receiver: nobody\nreceivers: [{name: a}]\n", 2, 3, "undefined receiver \"nobody\" used in route")]
    [InlineData("route:\n  receiver: a\n  routes:\n    - receiver: b\nreceivers: [{name: a}]\n", 4, 7, "undefined receiver \"b\"")]
    [InlineData("route:\n  receiver: a\n  matchers: [x=\"y\"]\nreceivers: [{name: a}]\n", 2, 3, "root route must not have any matchers")]
    [InlineData("route:\n  receiver: a\n  routes:\n    - matchers: ['x=~\"(\"']\nreceivers: [{name: a}]\n", 4, 18, "bad matcher")]
    [InlineData("route:\n  receiver: a\n  group_by: ['...', alertname]\nreceivers: [{name: a}]\n", 3, 13, "cannot have wildcard group_by")]
    [InlineData("route:\n  receiver: a\nreceivers:\n  - name: a\n  - name: a\n", 5, 5, "receiver name \"a\" is not unique")]
    [InlineData("route:\n  receiver: a\nreceivers:\n  - name: a\n    slack_configs: [{channel: x}]\n", 5, 5, "slack_configs is not supported by this Flinq build")]
    [InlineData("route:\n  receiver: a\n  routes:\n    - mute_time_intervals: [never]\nreceivers: [{name: a}]\n", 4, 7, "undefined time interval \"never\"")]
    [InlineData("route: {receiver: a}\nreceivers: [{name: a}]\ntime_intervals:\n  - name: t\n    time_intervals: [{times: [{start_time: '10:00', end_time: '09:00'}]}]\n", 5, 31, "start_time cannot be equal or greater")]
    [InlineData("route:\n  receiver: a\n   bad: indentation\n", 3, 7, "not valid YAML")]
    [InlineData("receivers: [{name: a}]\n", 1, 1, "no route provided")]
    public void Parse_Invalid_ReportsLineAndColumn(string yaml, int line, int column, string reason)
    {
        var act = () => Parse(yaml);
        var e = act.Should().Throw<NotifyConfigException>().Which;
        e.Message.Should().Contain(reason);
        (e.Line, e.Column).Should().Be((line, column), e.Message);
    }
}

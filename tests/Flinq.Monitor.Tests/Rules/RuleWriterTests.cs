using CsCheck;
using Flinq.Monitor.Rules;

namespace Flinq.Monitor.Tests.Rules;

public sealed class RuleWriterTests
{
    private const string AllKinds = """
        rules:
          - name: HostCpuHigh
            kind: threshold
            severity: critical
            for: 2m
            keep_firing_for: 1m
            evaluation_delay: 10s
            no_data: alerting
            labels: {team: infra}
            annotations: {summary: "{{ $labels.host }} CPU {{ $value }}%"}
            threshold: {metric: 'cpu_usage{env="prod", host=~"web-.*"}', aggregation: p99, window: 5m, slide: 1m, group_by: [host], op: ">", value: 90}
          - name: ApiErrors
            enabled: false
            log: {min_severity: error, contains: "timeout: upstream", regex: 'status=5\d\d', match: '{service="api"}', window: 1m, group_by: [service], min_count: 10}
          - name: HostDown
            absence: {metric: heartbeat, group_by: [host], silent_for: 1h30m}
          - name: CpuThenOom
            sequence:
              group_by: [host]
              within: 5m
              steps:
                - {name: cpu, metric: cpu_usage, op: '>', value: 90}
                - {name: oom, log: {contains: OutOfMemory}, times: 2}
          - name: Odd
            anomaly: {metric: requests, group_by: [job], alpha: 0.2, deviations: 4, warm_up: 50}
        """;

    [Fact]
    public void ToYaml_EveryKind_ParsesBackEqual()
    {
        var parsed = RuleParser.ParseFile(AllKinds, RuleFormat.Yaml);
        parsed.Errors.Should().BeEmpty();
        parsed.Rules.Should().HaveCount(5);
        foreach (var rule in parsed.Rules)
        {
            var yaml = RuleWriter.ToYaml(rule);
            var back = RuleParser.ParseRule(yaml, RuleFormat.Yaml);
            back.Errors.Should().BeEmpty(yaml);
            AlertRuleComparer.Instance.Equals(back.Rules[0], rule).Should().BeTrue(yaml);

            var json = RuleWriter.ToJson(rule);
            var fromJson = RuleParser.ParseRule(json, RuleFormat.Json);
            fromJson.Errors.Should().BeEmpty(json);
            AlertRuleComparer.Instance.Equals(fromJson.Rules[0], rule).Should().BeTrue(json);
        }

        var file = RuleParser.ParseFile(RuleWriter.ToYamlFile(parsed.Rules), RuleFormat.Yaml);
        file.Rules.Should().Equal(parsed.Rules, AlertRuleComparer.Instance.Equals);
    }

    [Fact]
    public void ToYaml_Threshold_ReadsLikeTheReadme()
    {
        var rule = RuleParser.ParseFile(AllKinds, RuleFormat.Yaml).Rules[0];
        RuleWriter.ToYaml(rule).Should().Be("""
            name: HostCpuHigh
            kind: threshold
            severity: critical
            for: 2m
            keep_firing_for: 1m
            evaluation_delay: 10s
            no_data: alerting
            labels:
              team: infra
            annotations:
              summary: "{{ $labels.host }} CPU {{ $value }}%"
            threshold:
              metric: cpu_usage{env="prod", host=~"web-.*"}
              aggregation: quantile
              quantile: 0.99
              window: 5m
              slide: 1m
              group_by: [host]
              op: ">"
              value: 90

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToYaml_GeneratedRules_RoundTrip()
    {
        RuleGenerators.Rule.Sample(rule =>
        {
            var yaml = RuleWriter.ToYaml(rule);
            var back = RuleParser.ParseRule(yaml, RuleFormat.Yaml);
            if (!back.IsValid || !AlertRuleComparer.Instance.Equals(back.Rules[0], rule))
            {
                throw new InvalidOperationException("YAML round trip failed:\n" + yaml + "\nerrors: " + string.Join("; ", back.Errors));
            }

            var json = RuleWriter.ToJson(rule);
            var fromJson = RuleParser.ParseRule(json, RuleFormat.Json);
            if (!fromJson.IsValid || !AlertRuleComparer.Instance.Equals(fromJson.Rules[0], rule))
            {
                throw new InvalidOperationException("JSON round trip failed:\n" + json + "\nerrors: " + string.Join("; ", fromJson.Errors));
            }
        }, iter: 300);
    }
}

using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Rules;

public sealed class RuleParserTests
{
    private static RuleParseResult Yaml(string text) => RuleParser.ParseFile(text, RuleFormat.Yaml);

    private static AlertRule Single(string text)
    {
        var result = Yaml(text);
        result.Errors.Should().BeEmpty();
        return result.Rules.Should().ContainSingle().Subject;
    }

    private static RuleError SingleError(string text, RuleFormat format = RuleFormat.Yaml)
    {
        var result = RuleParser.ParseFile(text, format);
        result.IsValid.Should().BeFalse();
        return result.Errors.Should().ContainSingle().Subject;
    }

    [Fact]
    public void ParseFile_Threshold_ReadsEveryField()
    {
        var rule = Single("""
            rules:
              - name: HostCpuHigh
                kind: threshold
                severity: critical
                for: 2m
                keep_firing_for: 1m
                evaluation_delay: 10s
                no_data: keep_state
                labels: {team: infra, priority: 1}
                annotations: {summary: "{{ $labels.host }} CPU {{ $value }}%"}
                threshold: {metric: 'cpu_usage{env="prod"}', aggregation: avg, window: 5m, slide: 1m, group_by: [host], op: ">", value: 90}
            """);

        rule.Name.Should().Be("HostCpuHigh");
        rule.Kind.Should().Be(RuleKind.Threshold);
        rule.Enabled.Should().BeTrue();
        rule.Severity.Should().Be("critical");
        rule.For.Should().Be(TimeSpan.FromMinutes(2));
        rule.KeepFiringFor.Should().Be(TimeSpan.FromMinutes(1));
        rule.EvaluationDelay.Should().Be(TimeSpan.FromSeconds(10));
        rule.NoData.Should().Be(NoDataPolicy.KeepState);
        rule.Labels.Should().BeEquivalentTo(new Dictionary<string, string> { ["team"] = "infra", ["priority"] = "1" });
        rule.Annotations["summary"].Should().Be("{{ $labels.host }} CPU {{ $value }}%");
        var t = rule.Threshold!;
        t.Selector.MetricName.Should().Be("cpu_usage");
        t.Selector.Matchers.Should().Equal(new LabelMatcher("env", LabelMatchType.Equal, "prod"));
        t.Aggregation.Should().Be(Aggregation.Avg);
        t.Window.Should().Be(TimeSpan.FromMinutes(5));
        t.Slide.Should().Be(TimeSpan.FromMinutes(1));
        t.GroupBy.Should().Equal("host");
        t.Comparison.Should().Be(Comparison.GreaterThan);
        t.Threshold.Should().Be(90);
        rule.Log.Should().BeNull();
    }

    [Theory]
    [InlineData("p99", 0.99)]
    [InlineData("p50", 0.5)]
    [InlineData("p99.9", 0.999)]
    public void ParseFile_PercentileAggregation_IsQuantile(string aggregation, double quantile)
    {
        var rule = Single($$"""
            rules:
              - name: Latency
                threshold: {metric: http_latency_seconds, aggregation: {{aggregation}}, window: 1m, op: ">", value: 0.5}
            """);
        rule.Kind.Should().Be(RuleKind.Threshold);
        rule.Threshold!.Aggregation.Should().Be(Aggregation.Quantile);
        rule.Threshold.Quantile.Should().BeApproximately(quantile, 1e-12);
    }

    [Fact]
    public void ParseFile_QuantileWithValue_ReadsIt()
    {
        var rule = Single("""
            rules:
              - {name: Latency, kind: threshold, threshold: {metric: lat, aggregation: quantile, quantile: 0.95, window: 1m, op: ">=", value: 2}}
            """);
        rule.Threshold!.Quantile.Should().Be(0.95);
        rule.Threshold.Comparison.Should().Be(Comparison.GreaterOrEqual);
    }

    [Fact]
    public void ParseFile_Log_ReadsEveryField()
    {
        var rule = Single("""
            rules:
              - name: ApiErrors
                kind: log
                log: {min_severity: error, contains: timeout, regex: 'upstream \d+', match: '{service="api"}', window: 1m, slide: 30s, group_by: [service], min_count: 10}
            """);
        var l = rule.Log!;
        l.MinSeverity.Should().Be(SeverityLevel.Error);
        l.Contains.Should().Be("timeout");
        l.Pattern.Should().Be(@"upstream \d+");
        l.Matchers.Should().Equal(new LabelMatcher("service", LabelMatchType.Equal, "api"));
        l.Window.Should().Be(TimeSpan.FromMinutes(1));
        l.Slide.Should().Be(TimeSpan.FromSeconds(30));
        l.GroupBy.Should().Equal("service");
        l.MinCount.Should().Be(10);
    }

    [Fact]
    public void ParseFile_Absence_ReadsEveryField()
    {
        var rule = Single("""
            rules:
              - name: HostDown
                kind: absence
                absence: {metric: heartbeat, group_by: [host], silent_for: 2m}
            """);
        rule.Absence!.Selector.MetricName.Should().Be("heartbeat");
        rule.Absence.GroupBy.Should().Equal("host");
        rule.Absence.SilentFor.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void ParseFile_Anomaly_ReadsFieldsAndDefaults()
    {
        var rule = Single("""
            rules:
              - name: Odd
                kind: anomaly
                anomaly: {metric: 'requests{job=~"api|web"}', group_by: [job], alpha: 0.2, deviations: 4, warm_up: 50}
            """);
        var a = rule.Anomaly!;
        a.Selector.Matchers.Should().Equal(new LabelMatcher("job", LabelMatchType.Regex, "api|web"));
        a.Alpha.Should().Be(0.2);
        a.Deviations.Should().Be(4);
        a.WarmUpSamples.Should().Be(50);

        var defaults = Single("rules:\n  - {name: D, anomaly: {metric: requests}}\n").Anomaly!;
        defaults.Alpha.Should().Be(0.1);
        defaults.Deviations.Should().Be(3);
        defaults.WarmUpSamples.Should().Be(30);
    }

    [Fact]
    public void ParseFile_Sequence_ReadsSteps()
    {
        var rule = Single("""
            rules:
              - name: CpuThenOom
                kind: sequence
                sequence:
                  group_by: [host]
                  within: 5m
                  strict: true
                  steps:
                    - {name: cpu, metric: cpu_usage, op: '>', value: 90, times: 3}
                    - {name: oom, log: {contains: OutOfMemory, min_severity: warning}}
            """);
        var s = rule.Sequence!;
        s.Within.Should().Be(TimeSpan.FromMinutes(5));
        s.Strict.Should().BeTrue();
        s.GroupBy.Should().Equal("host");
        s.Steps.Should().HaveCount(2);
        s.Steps[0].Metric!.MetricName.Should().Be("cpu_usage");
        s.Steps[0].Comparison.Should().Be(Comparison.GreaterThan);
        s.Steps[0].Threshold.Should().Be(90);
        s.Steps[0].Times.Should().Be(3);
        s.Steps[1].Metric.Should().BeNull();
        s.Steps[1].Log!.Contains.Should().Be("OutOfMemory");
        s.Steps[1].Log!.MinSeverity.Should().Be(SeverityLevel.Warn);
        s.Steps[1].Times.Should().Be(1);
    }

    [Fact]
    public void ParseFile_SequenceWithoutKeepFiringFor_KeepsFiringForItsWithin()
    {
        var rule = Single("""
            rules:
              - name: CpuThenOom
                sequence:
                  within: 5m
                  steps: [{name: cpu, metric: cpu_usage, op: '>', value: 90}, {name: oom, log: {contains: OutOfMemory}}]
            """);
        rule.KeepFiringFor.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void ParseFile_SequenceWithKeepFiringForZero_IsRefusedAtThatField()
    {
        var error = SingleError("""
            rules:
              - name: CpuThenOom
                keep_firing_for: 0s
                sequence:
                  within: 5m
                  steps: [{name: cpu, metric: cpu_usage, op: '>', value: 90}, {name: oom, log: {contains: OutOfMemory}}]
            """);
        error.Path.Should().Be("rules[0].keep_firing_for");
        error.Line.Should().Be(3);
        error.Message.Should().Contain("no notification would go out");
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1w2d", 777_600_000)]
    [InlineData("250ms", 250)]
    [InlineData("1m30s500ms", 90_500)]
    [InlineData("0", 0)]
    public void ParseFile_Durations_PrometheusStyle(string text, long ms)
    {
        var rule = Single($"rules:\n  - {{name: A, for: {text}, absence: {{metric: up, silent_for: 1m}}}}\n");
        rule.For.Should().Be(TimeSpan.FromMilliseconds(ms));
    }

    [Fact]
    public void ParseFile_Empty_HasNoRules()
    {
        var empty = Yaml(string.Empty);
        empty.IsValid.Should().BeTrue();
        empty.Rules.Should().BeEmpty();
        Yaml("rules: []\n").Rules.Should().BeEmpty();
    }

    [Fact]
    public void ParseFile_Json_SameSchema()
    {
        var result = RuleParser.ParseFile("""
            {"rules": [
              {"name": "HostCpuHigh", "kind": "threshold", "labels": {"team": "infra"},
               "threshold": {"metric": "cpu_usage{env=\"prod\"}", "aggregation": "p95", "window": "5m", "op": ">", "value": 90}},
            ]}
            """, RuleFormat.Json);
        result.Errors.Should().BeEmpty();
        var rule = result.Rules.Should().ContainSingle().Subject;
        rule.Threshold!.Quantile.Should().Be(0.95);
        rule.Labels["team"].Should().Be("infra");
    }

    [Fact]
    public void ParseRule_NameFromUrl_MayBeOmitted()
    {
        var result = RuleParser.ParseRule("kind: absence\nabsence: {metric: up, silent_for: 1m}\n", RuleFormat.Yaml, "Up");
        result.Errors.Should().BeEmpty();
        result.Rules[0].Name.Should().Be("Up");
    }

    [Fact]
    public void ParseAny_FileOrRule_BothAccepted()
    {
        RuleParser.ParseAny("rules:\n  - {name: A, absence: {metric: up, silent_for: 1m}}\n", RuleFormat.Yaml).Rules.Should().ContainSingle();
        RuleParser.ParseAny("{name: A, absence: {metric: up, silent_for: 1m}}\n", RuleFormat.Yaml).Rules.Should().ContainSingle();
    }
}

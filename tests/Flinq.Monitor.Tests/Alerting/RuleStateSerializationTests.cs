using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Serialization;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>The evaluators keep every <see cref="RuleChange"/> in broadcast state: a checkpoint must give it back whole.</summary>
public sealed class RuleStateSerializationTests
{
    public static TheoryData<string> Kinds => new() { "threshold", "log", "anomaly" };

    private static RuleChange Rule(string kind) => R.Change(new AlertRule
    {
        Name = "round-" + kind,
        Kind = kind switch { "threshold" => RuleKind.Threshold, "log" => RuleKind.Log, _ => RuleKind.Anomaly },
        Severity = "critical",
        For = TimeSpan.FromMinutes(1),
        EvaluationDelay = TimeSpan.FromSeconds(2),
        Labels = new Dictionary<string, string> { ["team"] = "db" },
        Annotations = new Dictionary<string, string> { ["summary"] = "{{ $labels.host }} at {{ $value }}" },
        Threshold = kind == "threshold"
            ? new ThresholdSpec
            {
                Selector = new MetricSelector("cpu", [new LabelMatcher("host", LabelMatchType.Regex, "web-.*"), new LabelMatcher("dc", LabelMatchType.NotEqual, "eu")]),
                Aggregation = Aggregation.Quantile,
                Quantile = 0.9,
                Window = TimeSpan.FromSeconds(30),
                Slide = TimeSpan.FromSeconds(10),
                GroupBy = ["host"],
                Comparison = Comparison.GreaterOrEqual,
                Threshold = 80,
            }
            : null,
        Log = kind == "log"
            ? new LogSpec
            {
                MinSeverity = SeverityLevel.Error,
                Contains = "timeout",
                Pattern = "db-[0-9]+",
                Matchers = [new LabelMatcher("service", LabelMatchType.Equal, "api")],
                Window = TimeSpan.FromMinutes(1),
                GroupBy = ["service"],
                MinCount = 3,
            }
            : null,
        Anomaly = kind == "anomaly"
            ? new AnomalySpec { Selector = new MetricSelector("latency", [new LabelMatcher("route", LabelMatchType.NotRegex, "/health")]), GroupBy = ["route"], Alpha = 0.2, Deviations = 2.5, WarmUpSamples = 5 }
            : null,
    });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RuleChange_ThroughTheJobsSerializers_ComesBackEqual(string kind)
    {
        var registry = new StreamExecutionOptions().Serializers;
        AlertingSerializers.Register(registry);
        var change = Rule(kind);
        var writer = new StateWriter();

        registry.Get<RuleChange>().Serialize(change, writer);
        var back = registry.Get<RuleChange>().Deserialize(new StateReader(writer.ToArray()));

        back.Should().BeEquivalentTo(change);
    }
}

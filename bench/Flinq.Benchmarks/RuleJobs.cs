using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Benchmarks;

/// <summary>
/// The alerting rule job (issue 8): <see cref="ThresholdEvaluator"/> with 1,000 rules over <c>keys</c> series.
/// Series s is metric <c>m{s mod 100}</c> on host <c>h{s / 100}</c> in dc <c>d{host mod 10}</c>; rule r selects
/// metric <c>m{r / 10}</c> with <c>dc="d{r mod 10}"</c>, grouped by host, over 10 s tumbling windows, cycling through
/// avg, max, rate and p90 — so each sample matches exactly one rule (found through the metric-name index among the
/// ten rules of its metric) and each group is one series. Record n is series n mod keys at event time
/// (n / keys) seconds (one sample per series per second), monotonous watermarks. The sink counts evaluations.
/// </summary>
internal static class RuleJobs
{
    public const int Rules = 1000;

    public static void Build(StreamExecutionEnvironment env, long records, long keys, RecordCounter counter)
    {
        var names = new string[keys];
        var labels = new Labels[keys];
        for (long s = 0; s < keys; s++)
        {
            long host = s / 100;
            names[s] = "m" + (s % 100);
            labels[s] = Labels.FromPairs(("host", "h" + host), ("dc", "d" + (host % 10)), ("job", "node"));
        }

        var changes = new RuleChange[Rules];
        Aggregation[] aggregations = [Aggregation.Avg, Aggregation.Max, Aggregation.Rate, Aggregation.Quantile];
        for (int r = 0; r < Rules; r++)
        {
            var rule = new AlertRule
            {
                Name = "rule-" + r,
                Kind = RuleKind.Threshold,
                Threshold = new ThresholdSpec
                {
                    Selector = new MetricSelector("m" + (r / 10), [new LabelMatcher("dc", LabelMatchType.Equal, "d" + (r % 10))]),
                    Aggregation = aggregations[r % 4],
                    Quantile = 0.9,
                    Window = TimeSpan.FromSeconds(10),
                    GroupBy = ["host"],
                    Comparison = Comparison.GreaterThan,
                    Threshold = 500,
                },
            };
            changes[r] = new RuleChange(rule.Name, rule, r + 1);
        }

        var strategy = WatermarkStrategy<MetricPoint>.ForMonotonousTimestamps().WithTimestampAssigner(static p => p.Timestamp.Milliseconds);
        var metrics = env.FromGenerator(
            n =>
            {
                long s = n % keys;
                long t = n / keys * 1000;
                return new MetricPoint(names[s], labels[s], new Timestamp(t), (t / 1000) + s % 1000, MetricKind.Gauge);
            },
            records).AssignTimestampsAndWatermarks(strategy);
        ThresholdEvaluator.Apply(metrics, env.FromElements(changes))
            .SinkTo(new CountingSink<RuleEvaluation>(counter), "Count");
    }
}

using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>Builders for the evaluator tests.</summary>
internal static class R
{
    private static long s_version;

    public static string Unique(string name) => name + "-" + Guid.NewGuid().ToString("N")[..8];

    public static RuleChange Threshold(
        string name, Aggregation aggregation, Comparison comparison, double threshold, TimeSpan window,
        TimeSpan? slide = null, string[]? groupBy = null, double quantile = 0, TimeSpan delay = default, string metric = "cpu",
        params LabelMatcher[] matchers) =>
        Change(new AlertRule
        {
            Name = name,
            Kind = RuleKind.Threshold,
            EvaluationDelay = delay,
            Threshold = new ThresholdSpec
            {
                Selector = new MetricSelector(metric, matchers),
                Aggregation = aggregation,
                Quantile = quantile,
                Window = window,
                Slide = slide,
                GroupBy = groupBy ?? [],
                Comparison = comparison,
                Threshold = threshold,
            },
        });

    public static RuleChange Change(AlertRule rule) => new(rule.Name, rule, Interlocked.Increment(ref s_version));

    public static RuleChange Delete(string name) => new(name, null, Interlocked.Increment(ref s_version));

    public static MetricPoint P(string host, long time, double value, string metric = "cpu") =>
        new(metric, Labels.FromPairs(("host", host)), new Timestamp(time), value, MetricKind.Gauge);

    public static Labels Host(string host) => Labels.FromPairs(("host", host));

    public static string Format(RuleEvaluation e) =>
        $"{e.Group} @{e.Time.Milliseconds} {(double.IsNaN(e.Value) ? "NaN" : Math.Round(e.Value, 9).ToString(System.Globalization.CultureInfo.InvariantCulture))}" +
        (e.NoData ? " nodata" : e.Active ? " active" : string.Empty);

    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}

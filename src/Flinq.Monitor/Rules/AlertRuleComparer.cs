namespace Flinq.Monitor.Rules;

/// <summary>
/// Value equality of <see cref="AlertRule"/>s, lists and dictionaries included (the records' generated equality
/// compares those by reference). Doubles compare by value, with NaN equal to NaN.
/// </summary>
/// <remarks>Stateless and thread-safe; use <see cref="Instance"/>.</remarks>
public sealed class AlertRuleComparer : IEqualityComparer<AlertRule>
{
    private AlertRuleComparer()
    {
    }

    /// <summary>The one instance.</summary>
    public static AlertRuleComparer Instance { get; } = new();

    /// <inheritdoc />
    public bool Equals(AlertRule? x, AlertRule? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        return x.Name == y.Name && x.Kind == y.Kind && x.Enabled == y.Enabled && x.Severity == y.Severity
            && x.For == y.For && x.KeepFiringFor == y.KeepFiringFor && x.EvaluationDelay == y.EvaluationDelay && x.NoData == y.NoData
            && SameMap(x.Labels, y.Labels) && SameMap(x.Annotations, y.Annotations)
            && SameEvaluation(x, y);
    }

    /// <summary>
    /// Whether the two rules evaluate the same thing (same kind and equal spec), ignoring name, labels, annotations,
    /// severity, <c>for</c> and the other lifecycle fields: when false, an evaluator should drop the rule's state.
    /// </summary>
    public static bool SameEvaluation(AlertRule x, AlertRule y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return x.Kind == y.Kind && x.Kind switch
        {
            RuleKind.Threshold => Same(x.Threshold, y.Threshold),
            RuleKind.Log => Same(x.Log, y.Log),
            RuleKind.Absence => Same(x.Absence, y.Absence),
            RuleKind.Sequence => Same(x.Sequence, y.Sequence),
            _ => Same(x.Anomaly, y.Anomaly),
        };
    }

    /// <inheritdoc />
    public int GetHashCode(AlertRule obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return HashCode.Combine(obj.Name, obj.Kind, obj.Enabled, obj.Severity, obj.For);
    }

    private static bool Same(ThresholdSpec? a, ThresholdSpec? b) =>
        a is null || b is null ? a is null && b is null
        : Same(a.Selector, b.Selector) && a.Aggregation == b.Aggregation && a.Quantile.Equals(b.Quantile) && a.Window == b.Window
          && a.Slide == b.Slide && a.GroupBy.SequenceEqual(b.GroupBy, StringComparer.Ordinal) && a.Comparison == b.Comparison
          && a.Threshold.Equals(b.Threshold);

    private static bool Same(LogSpec? a, LogSpec? b) =>
        a is null || b is null ? a is null && b is null
        : a.MinSeverity == b.MinSeverity && a.Contains == b.Contains && a.Pattern == b.Pattern && a.Matchers.SequenceEqual(b.Matchers)
          && a.Window == b.Window && a.Slide == b.Slide && a.GroupBy.SequenceEqual(b.GroupBy, StringComparer.Ordinal) && a.MinCount == b.MinCount;

    private static bool Same(AbsenceSpec? a, AbsenceSpec? b) =>
        a is null || b is null ? a is null && b is null
        : Same(a.Selector, b.Selector) && a.GroupBy.SequenceEqual(b.GroupBy, StringComparer.Ordinal) && a.SilentFor == b.SilentFor;

    private static bool Same(AnomalySpec? a, AnomalySpec? b) =>
        a is null || b is null ? a is null && b is null
        : Same(a.Selector, b.Selector) && a.GroupBy.SequenceEqual(b.GroupBy, StringComparer.Ordinal) && a.Alpha.Equals(b.Alpha)
          && a.Deviations.Equals(b.Deviations) && a.WarmUpSamples == b.WarmUpSamples;

    private static bool Same(SequenceSpec? a, SequenceSpec? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.Within != b.Within || a.Strict != b.Strict || !a.GroupBy.SequenceEqual(b.GroupBy, StringComparer.Ordinal) || a.Steps.Count != b.Steps.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Steps.Count; i++)
        {
            SequenceStep s = a.Steps[i], t = b.Steps[i];
            if (s.Name != t.Name || !Same(s.Metric, t.Metric) || s.Comparison != t.Comparison || !s.Threshold.Equals(t.Threshold)
                || !Same(s.Log, t.Log) || s.Times != t.Times)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(MetricSelector? a, MetricSelector? b) =>
        a is null || b is null ? a is null && b is null : a.MetricName == b.MetricName && a.Matchers.SequenceEqual(b.Matchers);

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>What the evaluators need to know about a rule definition: whether it concerns them and whether two definitions evaluate the same thing.</summary>
internal static class RuleDefinitions
{
    /// <summary>The rule of <paramref name="change"/> if it is enabled, of <paramref name="kind"/> and has a valid spec; else null.</summary>
    public static AlertRule? Relevant(RuleChange change, RuleKind kind)
    {
        var rule = change.Rule;
        if (rule is null || !rule.Enabled || rule.Kind != kind)
        {
            return null;
        }

        // The rule store validates rules; a definition that slips through invalid is ignored (never evaluated)
        // rather than failing the job that evaluates every other rule.
        bool valid = kind switch
        {
            RuleKind.Threshold => rule.Threshold is { } t && ValidWindow(t.Window, t.Slide),
            RuleKind.Log => rule.Log is { } l && ValidWindow(l.Window, l.Slide),
            RuleKind.Anomaly => rule.Anomaly is { Alpha: > 0 and <= 1 },
            _ => false,
        };
        return valid && rule.EvaluationDelay >= TimeSpan.Zero ? rule : null;
    }

    private static bool ValidWindow(TimeSpan window, TimeSpan? slide) =>
        window.TotalMilliseconds >= 1 && (slide is null || (slide.Value.TotalMilliseconds >= 1 && slide.Value <= window));

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> evaluate the same thing (same kind and spec, same
    /// evaluation delay), so partial results may be kept across the change. The comparison, threshold and min_count,
    /// labels, annotations, severity, <c>for</c> and the no-data policy do not matter here: they apply from the next
    /// evaluation on, to the window already collected.
    /// </summary>
    public static bool SameEvaluation(AlertRule a, AlertRule b)
    {
        if (a.Kind != b.Kind || a.EvaluationDelay != b.EvaluationDelay)
        {
            return false;
        }

        return a.Kind switch
        {
            RuleKind.Threshold => Same(a.Threshold!, b.Threshold!),
            RuleKind.Log => Same(a.Log!, b.Log!),
            RuleKind.Anomaly => Same(a.Anomaly!, b.Anomaly!),
            _ => false,
        };
    }

    private static bool Same(ThresholdSpec a, ThresholdSpec b) =>
        Same(a.Selector, b.Selector) && a.Aggregation == b.Aggregation && a.Quantile.Equals(b.Quantile) && a.Window == b.Window &&
        a.Slide == b.Slide && Same(a.GroupBy, b.GroupBy);

    private static bool Same(LogSpec a, LogSpec b) =>
        a.MinSeverity == b.MinSeverity && a.Contains == b.Contains && a.Pattern == b.Pattern && Same(a.Matchers, b.Matchers) &&
        a.Window == b.Window && a.Slide == b.Slide && Same(a.GroupBy, b.GroupBy);

    private static bool Same(AnomalySpec a, AnomalySpec b) =>
        Same(a.Selector, b.Selector) && Same(a.GroupBy, b.GroupBy) && a.Alpha.Equals(b.Alpha) && a.Deviations.Equals(b.Deviations) &&
        a.WarmUpSamples == b.WarmUpSamples;

    private static bool Same(MetricSelector a, MetricSelector b) => a.MetricName == b.MetricName && Same(a.Matchers, b.Matchers);

    private static bool Same<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The group-by names sorted ordinally without duplicates (the order labels are stored in).</summary>
    public static string[] SortedGroupBy(IReadOnlyList<string> groupBy)
    {
        var names = new SortedSet<string>(groupBy, StringComparer.Ordinal);
        return [.. names];
    }

    /// <summary>Applies a broadcast rule change to a rule map state, ignoring changes older than the entry held.</summary>
    /// <returns>The previous entry (or null) and whether the change was applied.</returns>
    public static bool Apply(Flinq.State.BroadcastState<string, RuleChange> rules, RuleChange change, RuleKind kind, out RuleChange? previous)
    {
        ArgumentNullException.ThrowIfNull(change);
        rules.TryGetValue(change.Name, out previous!);
        if (previous is not null && previous.Version > change.Version)
        {
            return false;
        }

        if (Relevant(change, kind) is null)
        {
            rules.Remove(change.Name);
        }
        else
        {
            // A change that evaluates the same thing keeps the version samples are stamped with, so samples matched
            // under the previous definition stay valid (only a change of what is evaluated makes them stale).
            bool same = previous is not null && Relevant(previous, kind) is { } before && SameEvaluation(before, change.Rule!);
            rules.Put(change.Name, same ? change with { Version = previous!.Version } : change);
        }

        return true;
    }

    /// <summary>Whether a change from <paramref name="previous"/> to <paramref name="current"/> must drop the rule's keyed state.</summary>
    public static bool MustClear(RuleChange? previous, RuleChange current, RuleKind kind)
    {
        var before = previous is null ? null : Relevant(previous, kind);
        if (before is null)
        {
            return false;
        }

        var after = Relevant(current, kind);
        return after is null || !SameEvaluation(before, after);
    }

    /// <summary>Reads the group labels <paramref name="sortedNames"/> from <paramref name="labels"/> into <paramref name="scratch"/>; returns how many were present.</summary>
    public static int Project(Labels labels, string[] sortedNames, Label[] scratch)
    {
        int n = 0;
        for (int i = 0; i < sortedNames.Length; i++)
        {
            if (labels.TryGetValue(sortedNames[i], out string value) && value.Length > 0)
            {
                scratch[n++] = new Label(sortedNames[i], value);
            }
        }

        return n;
    }
}

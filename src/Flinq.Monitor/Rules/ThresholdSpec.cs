namespace Flinq.Monitor.Rules;

/// <summary>
/// <c>aggregation(selector[window]) by (group_by) OP threshold</c>, evaluated in event time at the end of each
/// window (tumbling when <see cref="Slide"/> is null, else sliding by it).
/// </summary>
public sealed record ThresholdSpec
{
    /// <summary>The series the rule reads.</summary>
    public required MetricSelector Selector { get; init; }

    /// <summary>How samples are reduced per group and window.</summary>
    public required Aggregation Aggregation { get; init; }

    /// <summary>For <see cref="Aggregation.Quantile"/>: the quantile in [0, 1] (p99 is 0.99).</summary>
    public double Quantile { get; init; }

    /// <summary>The window length.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>The slide of a sliding window; null for a tumbling window.</summary>
    public TimeSpan? Slide { get; init; }

    /// <summary>The labels the result is grouped by (each group is one alert); empty groups all selected series together.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>The operator.</summary>
    public required Comparison Comparison { get; init; }

    /// <summary>The value compared against.</summary>
    public required double Threshold { get; init; }
}

namespace Flinq.Monitor.Rules;

/// <summary>
/// Active when a sample lies outside the series' learned baseline: an exponentially weighted moving mean and
/// variance (weight <see cref="Alpha"/>), active when <c>|value - mean| &gt; Deviations · σ</c>, after
/// <see cref="WarmUpSamples"/> samples. Samples are taken in event-time order per group.
/// </summary>
public sealed record AnomalySpec
{
    /// <summary>The series the rule reads.</summary>
    public required MetricSelector Selector { get; init; }

    /// <summary>Group labels (one baseline per group); empty means one baseline per series.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>The EWMA weight of a new sample, in (0, 1].</summary>
    public double Alpha { get; init; } = 0.1;

    /// <summary>How many standard deviations away counts as anomalous (k).</summary>
    public double Deviations { get; init; } = 3;

    /// <summary>Samples learned before the rule may become active.</summary>
    public int WarmUpSamples { get; init; } = 30;
}

namespace Flinq.Monitor.Rules;

/// <summary>How a threshold rule reduces the samples of one group in one window.</summary>
public enum Aggregation
{
    /// <summary>Arithmetic mean.</summary>
    Avg,

    /// <summary>Smallest sample.</summary>
    Min,

    /// <summary>Largest sample.</summary>
    Max,

    /// <summary>Sum of the samples.</summary>
    Sum,

    /// <summary>Number of samples.</summary>
    Count,

    /// <summary>Per-second increase of a counter over the window, summed over the group's series, with counter resets handled as Prometheus' <c>rate()</c> does.</summary>
    Rate,

    /// <summary>The <see cref="ThresholdSpec.Quantile"/> quantile of the samples (p50...p99), interpolated as Prometheus' <c>quantile_over_time</c>.</summary>
    Quantile,
}

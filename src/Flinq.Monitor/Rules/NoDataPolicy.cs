namespace Flinq.Monitor.Rules;

/// <summary>What a rule does with a group that stops producing data (a window with no samples).</summary>
public enum NoDataPolicy
{
    /// <summary>No data means not active: a firing alert resolves (after <c>keep_firing_for</c>). Prometheus' behaviour; the default.</summary>
    Ok,

    /// <summary>The alert keeps its current state until data returns.</summary>
    KeepState,

    /// <summary>No data is itself active: the alert fires (with <c>$value</c> NaN).</summary>
    Alerting,
}

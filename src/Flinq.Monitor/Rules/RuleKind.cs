namespace Flinq.Monitor.Rules;

/// <summary>What a rule evaluates; each kind has its own spec on <see cref="AlertRule"/>.</summary>
public enum RuleKind
{
    /// <summary>An aggregation of a metric over a window, grouped by labels, compared with a threshold (<see cref="ThresholdSpec"/>).</summary>
    Threshold,

    /// <summary>Matching log records counted per group over a window (<see cref="LogSpec"/>).</summary>
    Log,

    /// <summary>A series or group silent for a duration, in processing time (<see cref="AbsenceSpec"/>).</summary>
    Absence,

    /// <summary>A CEP pattern over metrics and logs (<see cref="SequenceSpec"/>).</summary>
    Sequence,

    /// <summary>A value outside a learned per-series baseline (<see cref="AnomalySpec"/>).</summary>
    Anomaly,
}

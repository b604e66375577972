namespace Flinq.Monitor.Rules;

/// <summary>
/// One step of a sequence rule: either a metric condition (<see cref="Metric"/> with <see cref="Comparison"/> and
/// <see cref="Threshold"/> on each sample) or a log condition (<see cref="Log"/>; its window and count are ignored).
/// </summary>
public sealed record SequenceStep
{
    /// <summary>The step's name, unique in the rule (CEP's pattern name).</summary>
    public required string Name { get; init; }

    /// <summary>A metric condition's series, or null for a log step.</summary>
    public MetricSelector? Metric { get; init; }

    /// <summary>A metric condition's operator.</summary>
    public Comparison Comparison { get; init; }

    /// <summary>A metric condition's threshold.</summary>
    public double Threshold { get; init; }

    /// <summary>A log condition, or null for a metric step.</summary>
    public LogSpec? Log { get; init; }

    /// <summary>How often the step must match in a row (CEP <c>times(n)</c>); 1 by default.</summary>
    public int Times { get; init; } = 1;
}

namespace Flinq.Monitor.Rules;

/// <summary>
/// One alert rule as data: what to evaluate (<see cref="Kind"/> and the matching spec) and how the alert it raises
/// behaves (<see cref="For"/>, <see cref="KeepFiringFor"/>, severity, labels, annotation templates). Rules are
/// written in YAML or JSON (see the Rules README), validated, and applied to the running rule jobs through
/// broadcast state.
/// </summary>
/// <remarks>
/// <para>The alert of one group carries the labels <c>alertname</c> = <see cref="Name"/>, <c>severity</c> =
/// <see cref="Severity"/>, the rule's <see cref="Labels"/>, and the group's labels; its fingerprint is the hash of
/// those labels. Annotation templates may use <c>{{ $labels.NAME }}</c>, <c>{{ $value }}</c> and
/// <c>{{ $threshold }}</c>.</para>
/// <para>Immutable. Exactly one spec matching <see cref="Kind"/> is set.</para>
/// </remarks>
public sealed record AlertRule
{
    /// <summary>The rule's unique name, also its id and the alert's <c>alertname</c>; letters, digits, <c>_</c>, <c>-</c>, <c>:</c>, <c>.</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the rule evaluates.</summary>
    public required RuleKind Kind { get; init; }

    /// <summary>A disabled rule keeps its definition but has no state and raises nothing.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The <c>severity</c> label, e.g. <c>critical</c>, <c>warning</c>, <c>info</c>.</summary>
    public string Severity { get; init; } = "warning";

    /// <summary>How long a group must stay active before the alert fires (pending until then); zero fires at once.</summary>
    public TimeSpan For { get; init; }

    /// <summary>How long a firing alert keeps firing after its condition stops holding.</summary>
    public TimeSpan KeepFiringFor { get; init; }

    /// <summary>How long event-time evaluation waits for late data past a window's end (added to the watermark delay).</summary>
    public TimeSpan EvaluationDelay { get; init; }

    /// <summary>What a group without data means.</summary>
    public NoDataPolicy NoData { get; init; }

    /// <summary>Extra labels put on every alert of the rule.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotation templates (e.g. <c>summary: "{{ $labels.host }} CPU at {{ $value }}%"</c>).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The spec when <see cref="Kind"/> is <see cref="RuleKind.Threshold"/>.</summary>
    public ThresholdSpec? Threshold { get; init; }

    /// <summary>The spec when <see cref="Kind"/> is <see cref="RuleKind.Log"/>.</summary>
    public LogSpec? Log { get; init; }

    /// <summary>The spec when <see cref="Kind"/> is <see cref="RuleKind.Absence"/>.</summary>
    public AbsenceSpec? Absence { get; init; }

    /// <summary>The spec when <see cref="Kind"/> is <see cref="RuleKind.Sequence"/>.</summary>
    public SequenceSpec? Sequence { get; init; }

    /// <summary>The spec when <see cref="Kind"/> is <see cref="RuleKind.Anomaly"/>.</summary>
    public AnomalySpec? Anomaly { get; init; }
}

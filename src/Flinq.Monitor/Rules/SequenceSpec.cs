namespace Flinq.Monitor.Rules;

/// <summary>
/// A CEP pattern over metrics and logs of one group (e.g. per host): the steps in order, relaxed contiguity
/// (CEP <c>followedBy</c>) unless <see cref="Strict"/>, all within <see cref="Within"/>. Each completed match
/// makes the group active once: an alert that resolves <c>keep_firing_for</c> after the last match (for rules from
/// YAML/JSON by default <see cref="Within"/>; zero is refused there, because an alert that resolves at the instant it
/// fires is never notified).
/// </summary>
public sealed record SequenceSpec
{
    /// <summary>The steps, at least two.</summary>
    public required IReadOnlyList<SequenceStep> Steps { get; init; }

    /// <summary>The longest time from the first to the last step.</summary>
    public required TimeSpan Within { get; init; }

    /// <summary>Strict contiguity (CEP <c>next</c>) instead of relaxed (<c>followedBy</c>).</summary>
    public bool Strict { get; init; }

    /// <summary>The labels that key the pattern (e.g. <c>host</c>); metrics and logs must share them.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];
}

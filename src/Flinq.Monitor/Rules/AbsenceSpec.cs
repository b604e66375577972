namespace Flinq.Monitor.Rules;

/// <summary>
/// Active for a group (e.g. a host) whose selected series sent nothing for <see cref="SilentFor"/>, measured in
/// processing time so it fires even when every source goes silent at once; inactive again when data returns.
/// A group is known once it has reported at least once (since the rule was created).
/// </summary>
public sealed record AbsenceSpec
{
    /// <summary>The series whose arrival counts as "alive".</summary>
    public required MetricSelector Selector { get; init; }

    /// <summary>The labels that identify what may go silent (e.g. <c>host</c>); empty means each series alone.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>How long without data counts as absent.</summary>
    public required TimeSpan SilentFor { get; init; }
}

namespace Flinq.Cep.Patterns;

/// <summary>
/// Which partial and pending matches survive a match (Flink's <c>AfterMatchSkipStrategy</c>). A partial match is
/// identified by its first event; a strategy prunes every one that starts at or before (or strictly before, for
/// skip-to-first/last) its pruning event.
/// </summary>
public sealed class AfterMatchSkipStrategy
{
    private AfterMatchSkipStrategy(SkipKind kind, string? patternName)
    {
        Kind = kind;
        PatternName = patternName;
    }

    internal enum SkipKind
    {
        NoSkip,
        SkipToNext,
        SkipPastLastEvent,
        SkipToFirst,
        SkipToLast,
    }

    internal SkipKind Kind { get; }

    /// <summary>The pattern element of skip-to-first/last; null otherwise.</summary>
    public string? PatternName { get; }

    /// <summary>Every match is emitted; nothing is pruned (the default).</summary>
    public static AfterMatchSkipStrategy NoSkip() => new(SkipKind.NoSkip, null);

    /// <summary>Discards every partial match that started with the match's first event.</summary>
    public static AfterMatchSkipStrategy SkipToNext() => new(SkipKind.SkipToNext, null);

    /// <summary>Discards every partial match that started before the match's last event, inclusive.</summary>
    public static AfterMatchSkipStrategy SkipPastLastEvent() => new(SkipKind.SkipPastLastEvent, null);

    /// <summary>Discards every partial match that started before the first event of <paramref name="patternName"/> in the match.</summary>
    public static AfterMatchSkipStrategy SkipToFirst(string patternName) => new(SkipKind.SkipToFirst, patternName ?? throw new ArgumentNullException(nameof(patternName)));

    /// <summary>Discards every partial match that started before the last event of <paramref name="patternName"/> in the match.</summary>
    public static AfterMatchSkipStrategy SkipToLast(string patternName) => new(SkipKind.SkipToLast, patternName ?? throw new ArgumentNullException(nameof(patternName)));

    internal bool IsSkip => Kind != SkipKind.NoSkip;

    /// <inheritdoc/>
    public override string ToString() => PatternName is null ? Kind.ToString() : $"{Kind}[{PatternName}]";
}

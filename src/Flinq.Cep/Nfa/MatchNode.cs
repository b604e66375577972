namespace Flinq.Cep.Nfa;

/// <summary>
/// One accepted event of a partial match, linked to the one accepted before it. Nodes are immutable and shared:
/// branches of a partial match share their common prefix, as Flink's SharedBuffer shares entries, but the sharing
/// is by reference (the garbage collector frees a prefix once no partial match points at it).
/// </summary>
internal sealed class MatchNode<T>(string name, T value, long timestamp, long sequence, MatchNode<T>? previous)
{
    public string Name { get; } = name;

    public T Value { get; } = value;

    public long Timestamp { get; } = timestamp;

    /// <summary>Per-key arrival order of the event (after event-time sorting): Flink's EventId.</summary>
    public long Sequence { get; } = sequence;

    public MatchNode<T>? Previous { get; } = previous;
}

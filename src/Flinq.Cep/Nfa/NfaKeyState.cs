namespace Flinq.Cep.Nfa;

/// <summary>
/// The NFA's state for one key (Flink's <c>NFAState</c>): the partial matches (always including one start state),
/// matches completed but held back to keep skip-strategy order, and the next event sequence number.
/// </summary>
internal sealed class NfaKeyState<T>
{
    public List<ComputationState<T>> PartialMatches { get; set; } = new();

    public List<ComputationState<T>> CompletedMatches { get; set; } = new();

    public long NextSequence { get; set; }

    /// <summary>True when nothing but the start state is left (the entry can be dropped).</summary>
    public bool IsEmpty => CompletedMatches.Count == 0 && PartialMatches.TrueForAll(static p => !p.HasEvents);
}

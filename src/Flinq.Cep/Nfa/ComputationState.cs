namespace Flinq.Cep.Nfa;

/// <summary>
/// A partial match (Flink's <c>ComputationState</c>): the NFA state it waits in, its accepted events (newest first),
/// and its first event's timestamp and sequence (<see cref="StartSequence"/> is -1 for the start state).
/// </summary>
internal readonly record struct ComputationState<T>(int StateId, MatchNode<T>? Events, long StartTimestamp, long StartSequence)
{
    public bool HasEvents => Events is not null;
}

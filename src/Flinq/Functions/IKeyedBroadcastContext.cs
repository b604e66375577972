using Flinq.State;

namespace Flinq.Functions;

/// <summary>
/// The context of a broadcast element of a keyed broadcast connection: writable broadcast state, and access to
/// the keyed state of every key of this parallel instance (there is no current key on the broadcast side).
/// </summary>
public interface IKeyedBroadcastContext<TKey> : IBroadcastContext
{
    /// <summary>
    /// Calls <paramref name="function"/> with every key of this parallel instance that has an entry in the keyed
    /// state described by <paramref name="descriptor"/>, and that key's state, which it may read, change or clear
    /// (Flink's <c>applyToKeyedState</c>) — e.g. to drop the state of a rule that was removed.
    /// </summary>
    void ApplyToKeyedState<TState>(StateDescriptor<TState> descriptor, Action<TKey, TState> function)
        where TState : class;
}

using Flinq.State;

namespace Flinq.Functions;

/// <summary>The context of a non-broadcast element of a broadcast connection: broadcast state is read-only here.</summary>
public interface IBroadcastReadOnlyContext : IProcessContext
{
    /// <summary>The broadcast state declared with <paramref name="descriptor"/>, read-only.</summary>
    /// <exception cref="InvalidOperationException">The descriptor was not passed to <c>Broadcast(...)</c>.</exception>
    ReadOnlyBroadcastState<TKey, TValue> GetBroadcastState<TKey, TValue>(MapStateDescriptor<TKey, TValue> descriptor)
        where TKey : notnull;
}

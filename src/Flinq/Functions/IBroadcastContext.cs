using Flinq.State;

namespace Flinq.Functions;

/// <summary>The context of a broadcast element: broadcast state is writable here.</summary>
public interface IBroadcastContext : IProcessContext
{
    /// <summary>The broadcast state declared with <paramref name="descriptor"/>.</summary>
    /// <exception cref="InvalidOperationException">The descriptor was not passed to <c>Broadcast(...)</c>.</exception>
    BroadcastState<TKey, TValue> GetBroadcastState<TKey, TValue>(MapStateDescriptor<TKey, TValue> descriptor)
        where TKey : notnull;
}

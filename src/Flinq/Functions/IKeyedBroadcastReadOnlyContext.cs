namespace Flinq.Functions;

/// <summary>The context of a keyed element of a keyed broadcast connection: the current key, timers, read-only broadcast state.</summary>
public interface IKeyedBroadcastReadOnlyContext<out TKey> : IBroadcastReadOnlyContext, IKeyedProcessContext<TKey>
{
}

namespace Flinq.Functions;

/// <summary>The context of a timer of a keyed broadcast function: adds the timer's time domain.</summary>
public interface IKeyedBroadcastOnTimerContext<out TKey> : IKeyedBroadcastReadOnlyContext<TKey>, IOnTimerContext<TKey>
{
}

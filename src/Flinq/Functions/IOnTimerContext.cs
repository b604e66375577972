namespace Flinq.Functions;

/// <summary>The context of a timer callback: adds the timer's time domain.</summary>
public interface IOnTimerContext<out TKey> : IKeyedProcessContext<TKey>
{
    /// <summary>Whether an event-time or a processing-time timer fired.</summary>
    TimeDomain TimeDomain { get; }
}

using Flinq.Time;

namespace Flinq.Functions;

/// <summary>
/// The context of one call of a process function: the record's timestamp, time and timers, and side outputs.
/// Valid only during that call.
/// </summary>
public interface IProcessContext
{
    /// <summary>The timestamp of the record being processed, or <see cref="Timestamp.None"/> if it has none.</summary>
    Timestamp Timestamp { get; }

    /// <summary>Time and timers. Registering timers throws on non-keyed streams.</summary>
    ITimerService TimerService { get; }

    /// <summary>Emits a record to the side output identified by <paramref name="tag"/>, with the current timestamp.</summary>
    void Output<TSide>(OutputTag<TSide> tag, TSide value);
}

/// <summary>The context of a call of a keyed process function: adds the current key.</summary>
public interface IKeyedProcessContext<out TKey> : IProcessContext
{
    /// <summary>The key of the record (or timer) being processed.</summary>
    TKey CurrentKey { get; }
}

/// <summary>The context of a timer callback: adds the timer's time domain.</summary>
public interface IOnTimerContext<out TKey> : IKeyedProcessContext<TKey>
{
    /// <summary>Whether an event-time or a processing-time timer fired.</summary>
    TimeDomain TimeDomain { get; }
}

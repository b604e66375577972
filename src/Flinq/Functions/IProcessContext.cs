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

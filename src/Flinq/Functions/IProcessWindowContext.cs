using Flinq.State;
using Flinq.Time;

namespace Flinq.Functions;

/// <summary>
/// The context of one evaluation of a window (Flink's <c>ProcessWindowFunction.Context</c>): the window,
/// time, per-window and per-key state, and side outputs. Valid only during the call.
/// </summary>
public interface IProcessWindowContext<out TWindow>
{
    /// <summary>The window being evaluated.</summary>
    TWindow Window { get; }

    /// <summary>The window operator's current event-time watermark.</summary>
    Watermark CurrentWatermark { get; }

    /// <summary>The task's current processing time.</summary>
    Timestamp CurrentProcessingTime { get; }

    /// <summary>
    /// State scoped to the key and this window, e.g. to count the firings of a window that fires more than once.
    /// It is not cleared automatically: clear it in <c>Clear</c>.
    /// </summary>
    ValueState<T> WindowState<T>(ValueStateDescriptor<T> descriptor);

    /// <summary>State scoped to the key only, shared by all its windows.</summary>
    ValueState<T> GlobalState<T>(ValueStateDescriptor<T> descriptor);

    /// <summary>Emits <paramref name="value"/> to the side output <paramref name="tag"/>, with the window's max timestamp.</summary>
    void Output<TSide>(OutputTag<TSide> tag, TSide value);
}

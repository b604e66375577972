using Flinq.Time;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Assigns each element to zero or more windows (Flink's <c>WindowAssigner</c>): tumbling, sliding, session
/// and global windows are assigners. An assigner also names the trigger used when the job sets none, and
/// whether its windows live in event time or processing time.
/// </summary>
/// <remarks>
/// An assigner is shared by all parallel instances of the window operator and must be immutable.
/// The built-in assigners look only at the timestamp; the element is passed for assigners that need it
/// (dynamic session gaps).
/// </remarks>
public abstract class WindowAssigner<TWindow>
    where TWindow : IWindow, IEquatable<TWindow>
{
    /// <summary>Whether the windows are in event time (fired by watermarks) rather than processing time.</summary>
    public abstract bool IsEventTime { get; }

    /// <summary>
    /// Adds the windows <paramref name="element"/> belongs to into <paramref name="windows"/> (which the caller
    /// clears and reuses, so assigning allocates nothing).
    /// </summary>
    /// <param name="element">The element.</param>
    /// <param name="timestamp">The element's event-time timestamp; <see cref="Timestamp.None"/> if it has none.</param>
    /// <param name="context">Processing time, for processing-time assigners.</param>
    /// <param name="windows">Receives the windows.</param>
    public abstract void AssignWindows<T>(T element, Timestamp timestamp, IWindowAssignerContext context, List<TWindow> windows);

    /// <summary>The trigger used when the job does not set one (e.g. an event-time trigger for event-time windows).</summary>
    public abstract Trigger GetDefaultTrigger();

    /// <summary>
    /// True when the windows depend on the timestamp only: the operator then calls
    /// <see cref="AssignWindows(Timestamp, IWindowAssignerContext, List{TWindow})"/> and skips the generic call.
    /// </summary>
    internal virtual bool IsTimestampOnly => false;

    internal virtual void AssignWindows(Timestamp timestamp, IWindowAssignerContext context, List<TWindow> windows) =>
        throw new NotSupportedException($"{GetType().Name} needs the element to assign windows.");

    /// <summary>The timestamp in milliseconds; throws the message Flink gives when an event-time window sees a record without one.</summary>
    internal static long RequireTimestamp(Timestamp timestamp, string assigner)
    {
        if (!timestamp.HasValue)
        {
            ThrowNoTimestamp(assigner);
        }

        return timestamp.Milliseconds;
    }

    private static void ThrowNoTimestamp(string assigner) =>
        throw new InvalidOperationException(
            $"{assigner} got a record without a timestamp. Event-time windows need timestamps: assign them at the source " +
            "or with AssignTimestampsAndWatermarks(...), or use a processing-time window assigner.");

    internal static long ToMilliseconds(TimeSpan span, string name)
    {
        if (span.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{name} must be a whole number of milliseconds (got {span}).", name);
        }

        return (long)span.TotalMilliseconds;
    }
}

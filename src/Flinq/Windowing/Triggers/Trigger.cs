using Flinq.Time;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// Decides when a window is evaluated and when its contents are discarded (Flink's <c>Trigger</c>). The window
/// operator calls it for every element added to a window and for every timer it registered; each call returns
/// a <see cref="TriggerResult"/>. The built-in triggers (<see cref="EventTimeTrigger"/>, <see cref="CountTrigger"/>,
/// ...) work for any element and window type; subclass <see cref="Trigger{T, TWindow}"/> for a custom trigger.
/// </summary>
/// <remarks>
/// A trigger object is shared by every key and window of the operator (and by its parallel instances), so a
/// trigger must not keep state in fields: keep it in <see cref="ITriggerContext.GetPartitionedState{T}"/>,
/// which is scoped to the key and window, and release it in <see cref="Clear{TWindow}"/>.
/// </remarks>
public abstract class Trigger
{
    /// <summary>Called for every element added to <paramref name="window"/>.</summary>
    public abstract TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context)
        where TWindow : IWindow;

    /// <summary>Called when an event-time timer this trigger registered for <paramref name="window"/> fires.</summary>
    public abstract TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context)
        where TWindow : IWindow;

    /// <summary>Called when a processing-time timer this trigger registered for <paramref name="window"/> fires.</summary>
    public abstract TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context)
        where TWindow : IWindow;

    /// <summary>Whether the trigger supports merging windows (sessions). If true, override <see cref="OnMerge{TWindow}"/>.</summary>
    public virtual bool CanMerge => false;

    /// <summary>
    /// Called when windows merged into <paramref name="window"/>: merge the trigger state of the merged windows
    /// and register the timers the merged window needs.
    /// </summary>
    public virtual void OnMerge<TWindow>(TWindow window, IOnMergeContext context)
        where TWindow : IWindow =>
        throw new NotSupportedException($"{GetType().Name} does not support merging windows (CanMerge is false).");

    /// <summary>
    /// Called when the window is removed (at its cleanup time, or when it merged into another): delete the
    /// timers and state this trigger keeps for it.
    /// </summary>
    public abstract void Clear<TWindow>(TWindow window, ITriggerContext context)
        where TWindow : IWindow;
}

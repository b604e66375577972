using Flinq.Time;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// Base of custom triggers that need the element's type or the concrete window type (Flink's
/// <c>Trigger&lt;T, W&gt;</c>). Override the typed methods; the operator routes its calls to them.
/// </summary>
/// <remarks>As for every trigger: no state in fields — use <see cref="ITriggerContext.GetPartitionedState{T}"/>.</remarks>
/// <example>
/// A trigger that fires when an element marks the end of a batch:
/// <code>
/// sealed class EndMarkerTrigger : Trigger&lt;Event, GlobalWindow&gt;
/// {
///     public override TriggerResult OnElement(Event e, Timestamp ts, GlobalWindow w, ITriggerContext ctx) =>
///         e.IsEnd ? TriggerResult.FireAndPurge : TriggerResult.Continue;
///     ...
/// }
/// </code>
/// </example>
public abstract class Trigger<T, TWindow> : Trigger
    where TWindow : IWindow
{
    /// <summary>Called for every element added to <paramref name="window"/>.</summary>
    public abstract TriggerResult OnElement(T element, Timestamp timestamp, TWindow window, ITriggerContext context);

    /// <summary>Called when an event-time timer registered for <paramref name="window"/> fires.</summary>
    public abstract TriggerResult OnEventTime(Timestamp time, TWindow window, ITriggerContext context);

    /// <summary>Called when a processing-time timer registered for <paramref name="window"/> fires.</summary>
    public abstract TriggerResult OnProcessingTime(Timestamp time, TWindow window, ITriggerContext context);

    /// <summary>Called when windows merged into <paramref name="window"/> (only if <see cref="Trigger.CanMerge"/>).</summary>
    public virtual void OnMerge(TWindow window, IOnMergeContext context) =>
        throw new NotSupportedException($"{GetType().Name} does not support merging windows (CanMerge is false).");

    /// <summary>Called when the window is removed: delete this trigger's timers and state for it.</summary>
    public abstract void Clear(TWindow window, ITriggerContext context);

    /// <inheritdoc />
    public sealed override TriggerResult OnElement<TElement, TW>(TElement element, Timestamp timestamp, TW window, ITriggerContext context) =>
        OnElement(Cast<TElement, T>(element), timestamp, Cast<TW, TWindow>(window), context);

    /// <inheritdoc />
    public sealed override TriggerResult OnEventTime<TW>(Timestamp time, TW window, ITriggerContext context) =>
        OnEventTime(time, Cast<TW, TWindow>(window), context);

    /// <inheritdoc />
    public sealed override TriggerResult OnProcessingTime<TW>(Timestamp time, TW window, ITriggerContext context) =>
        OnProcessingTime(time, Cast<TW, TWindow>(window), context);

    /// <inheritdoc />
    public sealed override void OnMerge<TW>(TW window, IOnMergeContext context) => OnMerge(Cast<TW, TWindow>(window), context);

    /// <inheritdoc />
    public sealed override void Clear<TW>(TW window, ITriggerContext context) => Clear(Cast<TW, TWindow>(window), context);

    private static TTo Cast<TFrom, TTo>(TFrom value)
    {
        if (value is TTo typed)
        {
            return typed;
        }

        return value is null
            ? default!
            : throw new InvalidOperationException($"{typeof(TFrom).Name} values reached a trigger for {typeof(TTo).Name}: the trigger's type arguments do not match the windowed stream.");
    }
}

using Flinq.Time;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// Fires once the watermark passes the end of the window (Flink's <c>EventTimeTrigger</c>), the default of
/// event-time assigners. An element added after that — a late element within the allowed lateness — fires
/// the window again at once, with the updated contents.
/// </summary>
public sealed class EventTimeTrigger : Trigger
{
    private static readonly EventTimeTrigger s_instance = new();

    private EventTimeTrigger()
    {
    }

    /// <summary>The event-time trigger.</summary>
    public static EventTimeTrigger Create() => s_instance;

    /// <inheritdoc />
    public override TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context)
    {
        if (window.MaxTimestamp.Milliseconds <= context.CurrentWatermark.Milliseconds)
        {
            return TriggerResult.Fire; // the watermark is past the window already: a late element within lateness
        }

        context.RegisterEventTimeTimer(window.MaxTimestamp);
        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) =>
        time == window.MaxTimestamp ? TriggerResult.Fire : TriggerResult.Continue;

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override bool CanMerge => true;

    /// <inheritdoc />
    public override void OnMerge<TWindow>(TWindow window, IOnMergeContext context)
    {
        // Only register a timer if the watermark is not yet past the end of the merged window: otherwise the
        // window fires from OnElement right after the merge (Flink does the same).
        if (window.MaxTimestamp.Milliseconds > context.CurrentWatermark.Milliseconds)
        {
            context.RegisterEventTimeTimer(window.MaxTimestamp);
        }
    }

    /// <inheritdoc />
    public override void Clear<TWindow>(TWindow window, ITriggerContext context) => context.DeleteEventTimeTimer(window.MaxTimestamp);

    public override string ToString() => "EventTimeTrigger()";
}

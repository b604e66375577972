using Flinq.Time;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// Fires once the task's clock passes the end of the window (Flink's <c>ProcessingTimeTrigger</c>), the
/// default of processing-time assigners.
/// </summary>
public sealed class ProcessingTimeTrigger : Trigger
{
    private static readonly ProcessingTimeTrigger s_instance = new();

    private ProcessingTimeTrigger()
    {
    }

    /// <summary>The processing-time trigger.</summary>
    public static ProcessingTimeTrigger Create() => s_instance;

    /// <inheritdoc />
    public override TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context)
    {
        context.RegisterProcessingTimeTimer(window.MaxTimestamp);
        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Fire;

    /// <inheritdoc />
    public override bool CanMerge => true;

    /// <inheritdoc />
    public override void OnMerge<TWindow>(TWindow window, IOnMergeContext context)
    {
        if (window.MaxTimestamp.Milliseconds > context.CurrentProcessingTime.Milliseconds)
        {
            context.RegisterProcessingTimeTimer(window.MaxTimestamp);
        }
    }

    /// <inheritdoc />
    public override void Clear<TWindow>(TWindow window, ITriggerContext context) => context.DeleteProcessingTimeTimer(window.MaxTimestamp);

    public override string ToString() => "ProcessingTimeTrigger()";
}

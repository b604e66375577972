using Flinq.Time;

namespace Flinq.Windowing.Triggers;

/// <summary>A trigger that never fires: the default of <see cref="Assigners.GlobalWindows"/> (Flink's <c>GlobalWindows.NeverTrigger</c>).</summary>
internal sealed class NeverTrigger : Trigger
{
    public static readonly NeverTrigger Instance = new();

    public override TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    public override TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    public override TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) => TriggerResult.Continue;

    public override bool CanMerge => true;

    public override void OnMerge<TWindow>(TWindow window, IOnMergeContext context)
    {
    }

    public override void Clear<TWindow>(TWindow window, ITriggerContext context)
    {
    }

    public override string ToString() => "NeverTrigger()";
}

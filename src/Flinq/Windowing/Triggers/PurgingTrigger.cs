using Flinq.Time;

namespace Flinq.Windowing.Triggers;

/// <summary>
/// Turns every firing of another trigger into fire-and-purge (Flink's <c>PurgingTrigger</c>): each firing
/// then sees only the elements that arrived since the previous one.
/// </summary>
public sealed class PurgingTrigger : Trigger
{
    private PurgingTrigger(Trigger nested) => Nested = nested;

    /// <summary>The wrapped trigger.</summary>
    public Trigger Nested { get; }

    /// <summary>Wraps <paramref name="nested"/>.</summary>
    public static PurgingTrigger Of(Trigger nested)
    {
        ArgumentNullException.ThrowIfNull(nested);
        return new PurgingTrigger(nested);
    }

    /// <inheritdoc />
    public override TriggerResult OnElement<T, TWindow>(T element, Timestamp timestamp, TWindow window, ITriggerContext context) =>
        Purging(Nested.OnElement(element, timestamp, window, context));

    /// <inheritdoc />
    public override TriggerResult OnEventTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) =>
        Purging(Nested.OnEventTime(time, window, context));

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime<TWindow>(Timestamp time, TWindow window, ITriggerContext context) =>
        Purging(Nested.OnProcessingTime(time, window, context));

    /// <inheritdoc />
    public override bool CanMerge => Nested.CanMerge;

    /// <inheritdoc />
    public override void OnMerge<TWindow>(TWindow window, IOnMergeContext context) => Nested.OnMerge(window, context);

    /// <inheritdoc />
    public override void Clear<TWindow>(TWindow window, ITriggerContext context) => Nested.Clear(window, context);

    private static TriggerResult Purging(TriggerResult result) =>
        (result & TriggerResult.Fire) != 0 ? TriggerResult.FireAndPurge : result;

    public override string ToString() => $"PurgingTrigger({Nested})";
}

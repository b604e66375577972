using Flinq.Windowing.Assigners;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq;

public sealed partial class KeyedStream<TKey, T>
{
    /// <summary>
    /// Groups each key's records into windows (Flink's <c>KeyedStream.window</c>). Then optionally set a
    /// trigger, an evictor, allowed lateness and a late-data side output, and finish with a window function:
    /// <c>Reduce</c>, <c>Aggregate</c>, <c>Process</c> or <c>Apply</c>.
    /// </summary>
    /// <example><c>stream.KeyBy(e => e.Url).Window(TumblingEventTimeWindows.Of(TimeSpan.FromMinutes(1))).Aggregate(new CountAggregate())</c></example>
    public WindowedStream<T, TKey, TWindow> Window<TWindow>(WindowAssigner<TWindow> assigner)
        where TWindow : IWindow, IEquatable<TWindow>
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new WindowedStream<T, TKey, TWindow>(this, assigner);
    }

    /// <summary>
    /// Tumbling count windows: each key's records in batches of <paramref name="size"/>; a window fires and is
    /// purged when it holds <paramref name="size"/> records (Flink: global windows + purging count trigger).
    /// </summary>
    public WindowedStream<T, TKey, GlobalWindow> CountWindow(long size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return Window(GlobalWindows.Create()).Trigger(PurgingTrigger.Of(CountTrigger.Of(size)));
    }

    /// <summary>
    /// Sliding count windows: every <paramref name="slide"/> records of a key, evaluates that key's last
    /// <paramref name="size"/> records (Flink: global windows + count evictor + count trigger).
    /// </summary>
    public WindowedStream<T, TKey, GlobalWindow> CountWindow(long size, long slide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slide, 1);
        return Window(GlobalWindows.Create()).Evictor(CountEvictor.Of(size)).Trigger(CountTrigger.Of(slide));
    }
}

using Flinq.Windowing.Assigners;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq;

public partial class DataStream<T>
{
    /// <summary>
    /// Groups all records of the stream, regardless of key, into windows (Flink's <c>windowAll</c>). The
    /// window operator runs as a single instance (parallelism 1), so use it for small or pre-aggregated streams.
    /// </summary>
    public AllWindowedStream<T, TWindow> WindowAll<TWindow>(WindowAssigner<TWindow> assigner)
        where TWindow : IWindow, IEquatable<TWindow>
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new AllWindowedStream<T, TWindow>(KeyBy(static _ => AllWindowedStream<T, TWindow>.SingleKey).Window(assigner));
    }

    /// <summary>Tumbling count windows over the whole stream (see <see cref="KeyedStream{TKey, T}.CountWindow(long)"/>).</summary>
    public AllWindowedStream<T, GlobalWindow> CountWindowAll(long size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return WindowAll(GlobalWindows.Create()).Trigger(PurgingTrigger.Of(CountTrigger.Of(size)));
    }

    /// <summary>Sliding count windows over the whole stream (see <see cref="KeyedStream{TKey, T}.CountWindow(long, long)"/>).</summary>
    public AllWindowedStream<T, GlobalWindow> CountWindowAll(long size, long slide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slide, 1);
        return WindowAll(GlobalWindows.Create()).Evictor(CountEvictor.Of(size)).Trigger(CountTrigger.Of(slide));
    }

    /// <summary>
    /// Starts a window join with <paramref name="other"/> (Flink's <c>DataStream.join</c>):
    /// <c>a.Join(b).Where(ka).EqualTo(kb).Window(assigner).Apply((x, y) => ...)</c> pairs every element of this
    /// stream with every element of <paramref name="other"/> that has the same key and falls in the same window.
    /// </summary>
    public JoinedStreams<T, T2> Join<T2>(DataStream<T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Environment != Environment)
        {
            throw new ArgumentException("Streams from different environments cannot be joined.", nameof(other));
        }

        return new JoinedStreams<T, T2>(this, other);
    }

    /// <summary>
    /// Starts a window co-group with <paramref name="other"/> (Flink's <c>DataStream.coGroup</c>): per key and window,
    /// one call with the elements of both streams, for outer joins and other two-sided logic.
    /// </summary>
    public CoGroupedStreams<T, T2> CoGroup<T2>(DataStream<T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Environment != Environment)
        {
            throw new ArgumentException("Streams from different environments cannot be co-grouped.", nameof(other));
        }

        return new CoGroupedStreams<T, T2>(this, other);
    }
}

using Flinq.Functions;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq;

/// <summary>
/// A window join ready to run (Flink's <c>JoinedStreams.WithWindow</c>): when a window fires, every element
/// of the first stream is paired with every element of the second stream that has the same key and is in the
/// same window — an inner join; a window with elements from one side only emits nothing. As in Flink, it runs
/// as a co-group: both streams are tagged, unioned, keyed and windowed together. Results carry the window's max
/// timestamp.
/// </summary>
public sealed class WindowedJoin<T1, T2, TKey, TWindow>
    where TKey : notnull
    where TWindow : IWindow, IEquatable<TWindow>
{
    // A join is a co-group whose function pairs up the two sides: the settings live in the co-group.
    private readonly WindowedCoGroup<T1, T2, TKey, TWindow> _coGroup;

    internal WindowedJoin(DataStream<T1> first, DataStream<T2> second, Func<T1, TKey> keySelector1, Func<T2, TKey> keySelector2, WindowAssigner<TWindow> assigner) =>
        _coGroup = new WindowedCoGroup<T1, T2, TKey, TWindow>(first, second, keySelector1, keySelector2, assigner);

    /// <summary>Sets the trigger of the join's windows.</summary>
    public WindowedJoin<T1, T2, TKey, TWindow> Trigger(Trigger trigger)
    {
        _coGroup.Trigger(trigger);
        return this;
    }

    /// <summary>Sets an evictor for the join's windows (it sees the elements of both sides).</summary>
    public WindowedJoin<T1, T2, TKey, TWindow> Evictor(Evictor evictor)
    {
        _coGroup.Evictor(evictor);
        return this;
    }

    /// <summary>Sets the allowed lateness of the join's windows.</summary>
    public WindowedJoin<T1, T2, TKey, TWindow> AllowedLateness(TimeSpan lateness)
    {
        _coGroup.AllowedLateness(lateness);
        return this;
    }

    /// <summary>Emits <paramref name="join"/>(first, second) for every matching pair.</summary>
    public DataStream<TOut> Apply<TOut>(Func<T1, T2, TOut> join)
    {
        ArgumentNullException.ThrowIfNull(join);
        return Apply<TOut>((first, second, output) => output.Collect(join(first, second)));
    }

    /// <summary>Calls <paramref name="join"/> for every matching pair; it may emit any number of records (Flink's <c>FlatJoinFunction</c>).</summary>
    public DataStream<TOut> Apply<TOut>(Action<T1, T2, ICollector<TOut>> join)
    {
        ArgumentNullException.ThrowIfNull(join);

        // Flink's JoinCoGroupFunction: the inner join is the cross product of the two sides of each co-group.
        return _coGroup.Apply<TOut>((firsts, seconds, output) =>
        {
            foreach (var first in firsts)
            {
                foreach (var second in seconds)
                {
                    join(first, second, output);
                }
            }
        }).Name("Window Join");
    }
}

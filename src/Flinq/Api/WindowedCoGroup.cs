using Flinq.Functions;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Evictors;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq;

/// <summary>
/// A window co-group ready to run (Flink's <c>CoGroupedStreams.WithWindow</c>): both streams are tagged with their
/// side, unioned, keyed and windowed together; when a window fires, the function gets the key's elements of each
/// side in that window. Results carry the window's max timestamp.
/// </summary>
public sealed class WindowedCoGroup<T1, T2, TKey, TWindow>
    where TKey : notnull
    where TWindow : IWindow, IEquatable<TWindow>
{
    private readonly DataStream<T1> _first;
    private readonly DataStream<T2> _second;
    private readonly Func<T1, TKey> _keySelector1;
    private readonly Func<T2, TKey> _keySelector2;
    private readonly WindowAssigner<TWindow> _assigner;
    private Trigger? _trigger;
    private Evictor? _evictor;
    private TimeSpan _allowedLateness;

    internal WindowedCoGroup(DataStream<T1> first, DataStream<T2> second, Func<T1, TKey> keySelector1, Func<T2, TKey> keySelector2, WindowAssigner<TWindow> assigner)
    {
        _first = first;
        _second = second;
        _keySelector1 = keySelector1;
        _keySelector2 = keySelector2;
        _assigner = assigner;
    }

    /// <summary>Sets the trigger of the windows.</summary>
    public WindowedCoGroup<T1, T2, TKey, TWindow> Trigger(Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _trigger = trigger;
        return this;
    }

    /// <summary>Sets an evictor for the windows (it sees the elements of both sides).</summary>
    public WindowedCoGroup<T1, T2, TKey, TWindow> Evictor(Evictor evictor)
    {
        ArgumentNullException.ThrowIfNull(evictor);
        _evictor = evictor;
        return this;
    }

    /// <summary>Sets the allowed lateness of the windows.</summary>
    public WindowedCoGroup<T1, T2, TKey, TWindow> AllowedLateness(TimeSpan lateness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lateness, TimeSpan.Zero);
        _allowedLateness = lateness;
        return this;
    }

    /// <summary>
    /// Calls <paramref name="coGroup"/> once per key and fired window with the first and second stream's elements
    /// (either may be empty); it may emit any number of records (Flink's <c>CoGroupFunction</c>).
    /// </summary>
    public DataStream<TOut> Apply<TOut>(Action<IEnumerable<T1>, IEnumerable<T2>, ICollector<TOut>> coGroup)
    {
        ArgumentNullException.ThrowIfNull(coGroup);
        var keySelector1 = _keySelector1;
        var keySelector2 = _keySelector2;
        var tagged1 = _first.Map(static value => JoinElement<T1, T2>.OfFirst(value)).Name("CoGroup: tag first input");
        var tagged2 = _second.Map(static value => JoinElement<T1, T2>.OfSecond(value)).Name("CoGroup: tag second input");
        var windowed = tagged1.Union(tagged2)
            .KeyBy(element => element.IsFirst ? keySelector1(element.First) : keySelector2(element.Second))
            .Window(_assigner)
            .AllowedLateness(_allowedLateness);
        if (_trigger is not null)
        {
            windowed.Trigger(_trigger);
        }

        if (_evictor is not null)
        {
            windowed.Evictor(_evictor);
        }

        return windowed.Process(new CoGroupWindowFunction<TOut>(coGroup)).Name("Window CoGroup");
    }

    /// <summary>Splits a window's tagged elements by side (Flink's <c>CoGroupWindowFunction</c>).</summary>
    private sealed class CoGroupWindowFunction<TOut>(Action<IEnumerable<T1>, IEnumerable<T2>, ICollector<TOut>> coGroup)
        : ProcessWindowFunction<JoinElement<T1, T2>, TOut, TKey, TWindow>
    {
        public override void Process(TKey key, IProcessWindowContext<TWindow> context, IEnumerable<JoinElement<T1, T2>> elements, ICollector<TOut> output)
        {
            var firsts = new List<T1>();
            var seconds = new List<T2>();
            foreach (var element in elements)
            {
                if (element.IsFirst)
                {
                    firsts.Add(element.First);
                }
                else
                {
                    seconds.Add(element.Second);
                }
            }

            coGroup(firsts, seconds, output);
        }
    }
}

/// <summary>An element of either input of a join or co-group, tagged with its side (Flink's <c>TaggedUnion</c>).</summary>
internal readonly record struct JoinElement<T1, T2>(bool IsFirst, T1 First, T2 Second)
{
    public static JoinElement<T1, T2> OfFirst(T1 value) => new(true, value, default!);

    public static JoinElement<T1, T2> OfSecond(T2 value) => new(false, default!, value);
}

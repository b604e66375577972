using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq;

/// <summary>A window join with both keys set (Flink's <c>JoinedStreams.EqualTo</c>); choose its windows with <see cref="Window{TWindow}"/>.</summary>
public sealed class JoinEqualTo<T1, T2, TKey>
    where TKey : notnull
{
    private readonly DataStream<T1> _first;
    private readonly DataStream<T2> _second;
    private readonly Func<T1, TKey> _keySelector1;
    private readonly Func<T2, TKey> _keySelector2;

    internal JoinEqualTo(DataStream<T1> first, DataStream<T2> second, Func<T1, TKey> keySelector1, Func<T2, TKey> keySelector2)
    {
        _first = first;
        _second = second;
        _keySelector1 = keySelector1;
        _keySelector2 = keySelector2;
    }

    /// <summary>The windows in which elements of the two streams meet.</summary>
    public WindowedJoin<T1, T2, TKey, TWindow> Window<TWindow>(WindowAssigner<TWindow> assigner)
        where TWindow : IWindow, IEquatable<TWindow>
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new WindowedJoin<T1, T2, TKey, TWindow>(_first, _second, _keySelector1, _keySelector2, assigner);
    }
}

using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// The keyed state of one (rule, group) of a windowed rule: the group's labels, the raw samples of the windows
/// not yet evaluated (struct-of-arrays, 24 bytes a sample), the next window end to evaluate and how many windows in
/// a row were empty. Raw samples rather than running aggregates, because rate and quantile need them, and
/// because evaluating sorted samples makes the result independent of arrival order.
/// </summary>
internal sealed class WindowState
{
    public const long NoEnd = long.MinValue;

    public WindowState(Labels group, int capacity = 8)
    {
        Group = group;
        Series = new ulong[capacity];
        Times = new long[capacity];
        Values = new double[capacity];
    }

    public Labels Group { get; }

    /// <summary>The end of the next window to evaluate, or <see cref="NoEnd"/>.</summary>
    public long NextEnd { get; set; } = NoEnd;

    /// <summary>Consecutive windows evaluated without a sample.</summary>
    public int EmptyWindows { get; set; }

    /// <summary>
    /// True from a restore (set by the deserializer, never written to a checkpoint) until the windows before the group's
    /// first sample after it (<see cref="ResumedAt"/>; without one, the operator's first sample after it) are passed:
    /// these windows passed while the server was down, or lost their samples with the crash (input after the checkpoint
    /// is not replayed), so an empty one among them is unknown rather than empty.
    /// </summary>
    public bool Restored { get; set; }

    /// <summary>The time of the group's earliest sample received since the restore, or <see cref="NoEnd"/> (not checkpointed).</summary>
    public long ResumedAt { get; set; } = NoEnd;

    public int Count { get; private set; }

    public ulong[] Series { get; private set; }

    public long[] Times { get; private set; }

    public double[] Values { get; private set; }

    public void Add(ulong series, long time, double value)
    {
        if (Count == Times.Length)
        {
            Resize(Math.Max(8, Count * 2));
        }

        Series[Count] = series;
        Times[Count] = time;
        Values[Count] = value;
        Count++;
    }

    /// <summary>Removes the samples older than <paramref name="time"/> (they belong to no window still open).</summary>
    public void EvictBefore(long time)
    {
        int kept = 0;
        for (int i = 0; i < Count; i++)
        {
            if (Times[i] >= time)
            {
                Series[kept] = Series[i];
                Times[kept] = Times[i];
                Values[kept] = Values[i];
                kept++;
            }
        }

        Count = kept;
        if (Times.Length > 64 && Count < Times.Length / 4)
        {
            // Give memory back after a burst, so a quiet group does not keep its peak buffer.
            Resize(Math.Max(8, Count * 2));
        }
    }

    private void Resize(int size)
    {
        var s = Series;
        var t = Times;
        var v = Values;
        Array.Resize(ref s, size);
        Array.Resize(ref t, size);
        Array.Resize(ref v, size);
        Series = s;
        Times = t;
        Values = v;
    }

    /// <summary>The earliest buffered sample time, or <see cref="long.MaxValue"/> when empty.</summary>
    public long MinTime()
    {
        long min = long.MaxValue;
        for (int i = 0; i < Count; i++)
        {
            min = Math.Min(min, Times[i]);
        }

        return min;
    }
}

using Flinq.Time;

namespace Flinq.Windowing.Windows;

/// <summary>
/// A window over the time interval [<see cref="Start"/>, <see cref="End"/>): start inclusive, end
/// exclusive, so <see cref="MaxTimestamp"/> is <c>End - 1 ms</c> (Flink's <c>TimeWindow</c>).
/// </summary>
public readonly struct TimeWindow : IWindow, IEquatable<TimeWindow>
{
    private readonly long _start;
    private readonly long _end;

    [ThreadStatic]
    private static List<TimeWindow>? t_sorted;

    [ThreadStatic]
    private static List<TimeWindow>? t_run;

    /// <summary>Creates the window [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public TimeWindow(Timestamp start, Timestamp end)
        : this(start.Milliseconds, end.Milliseconds)
    {
    }

    /// <summary>Creates the window [<paramref name="startMs"/>, <paramref name="endMs"/>) in epoch milliseconds.</summary>
    public TimeWindow(long startMs, long endMs)
    {
        _start = startMs;
        _end = endMs;
    }

    /// <summary>The first timestamp in the window.</summary>
    public Timestamp Start => new(_start);

    /// <summary>The first timestamp after the window.</summary>
    public Timestamp End => new(_end);

    /// <inheritdoc />
    public Timestamp MaxTimestamp => new(_end - 1);

    /// <summary>The window's length.</summary>
    public TimeSpan Size => TimeSpan.FromMilliseconds(_end - _start);

    internal long StartMs => _start;

    internal long EndMs => _end;

    internal long MaxTimestampMs => _end - 1;

    /// <summary>Whether the two windows overlap or touch (Flink's <c>intersects</c>: session windows that touch merge).</summary>
    public bool Intersects(TimeWindow other) => _start <= other._end && _end >= other._start;

    /// <summary>The smallest window that contains both windows.</summary>
    public TimeWindow Cover(TimeWindow other) => new(Math.Min(_start, other._start), Math.Max(_end, other._end));

    /// <summary>
    /// The start of the window of size <paramref name="windowSizeMs"/> that contains
    /// <paramref name="timestampMs"/>, for windows aligned to <paramref name="offsetMs"/> past the epoch
    /// (Flink's <c>TimeWindow.getWindowStartWithOffset</c>; correct for negative timestamps).
    /// </summary>
    public static long GetWindowStartWithOffset(long timestampMs, long offsetMs, long windowSizeMs)
    {
        long remainder = (timestampMs - offsetMs) % windowSizeMs;
        // % keeps the dividend's sign: a negative remainder means the start lies one more size back.
        return remainder < 0 ? timestampMs - (remainder + windowSizeMs) : timestampMs - remainder;
    }

    /// <summary>
    /// Merges overlapping windows (Flink's <c>TimeWindow.mergeWindows</c>): sorts them by start, covers each
    /// run of intersecting windows, and reports every run of more than one window to <paramref name="callback"/>.
    /// </summary>
    public static void MergeWindows(IEnumerable<TimeWindow> windows, Action<IReadOnlyList<TimeWindow>, TimeWindow> callback)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(callback);

        // Called for every element of a session window: sort and collect runs in per-thread scratch lists. The run
        // handed to the callback is valid during the call only.
        var sorted = t_sorted ??= new List<TimeWindow>();
        var run = t_run ??= new List<TimeWindow>();
        sorted.Clear();
        sorted.AddRange(windows);
        sorted.Sort(static (a, b) => a._start.CompareTo(b._start));
        run.Clear();
        TimeWindow cover = default;
        foreach (var window in sorted)
        {
            if (run.Count > 0 && cover.Intersects(window))
            {
                run.Add(window);
                cover = cover.Cover(window);
                continue;
            }

            Report(run, cover, callback);
            run.Clear();
            run.Add(window);
            cover = window;
        }

        Report(run, cover, callback);
        run.Clear();
        sorted.Clear();

        static void Report(List<TimeWindow> run, TimeWindow cover, Action<IReadOnlyList<TimeWindow>, TimeWindow> callback)
        {
            if (run.Count > 1)
            {
                callback(run, cover);
            }
        }
    }

    public bool Equals(TimeWindow other) => _start == other._start && _end == other._end;

    public override bool Equals(object? obj) => obj is TimeWindow other && Equals(other);

    // Cheap and good enough for hash tables: windows of one assigner differ in their start.
    public override int GetHashCode() => unchecked(_start.GetHashCode() + (31 * _end.GetHashCode()));

    public static bool operator ==(TimeWindow a, TimeWindow b) => a.Equals(b);

    public static bool operator !=(TimeWindow a, TimeWindow b) => !a.Equals(b);

    /// <summary>"TimeWindow{start=..., end=...}" with ISO-8601 UTC times.</summary>
    public override string ToString() => $"TimeWindow{{start={Start}, end={End}}}";
}

namespace Flinq.Operators.Timers;

/// <summary>
/// The timers of one time domain, bucketed by time: a set of live timers (unique per time, key and
/// namespace), one list per distinct time, and a heap of the distinct times. Window operators register one
/// timer per key and window, and all keys' windows end at the same times, so the heap holds few entries and
/// each timer costs a set insert and a list append instead of a heap insert. Within a time, timers fire in
/// registration order. Deletion is lazy: a deleted timer stays in its bucket and is skipped.
/// </summary>
internal sealed class TimerQueue<TKey, TNamespace>
    where TKey : notnull
{
    private readonly HashSet<TimerEntry<TKey, TNamespace>> _live = new();
    private readonly Dictionary<long, List<TimerEntry<TKey, TNamespace>>> _buckets = new();
    private readonly PriorityQueue<long, long> _times = new();
    private readonly Stack<List<TimerEntry<TKey, TNamespace>>> _pool = new();

    public int Count => _live.Count;

    /// <summary>The live timers, in no particular order (for snapshots).</summary>
    public IEnumerable<TimerEntry<TKey, TNamespace>> Live => _live;

    /// <summary>Adds a timer; false when the same timer is already registered.</summary>
    public bool Add(in TimerEntry<TKey, TNamespace> timer)
    {
        if (!_live.Add(timer))
        {
            return false;
        }

        if (!_buckets.TryGetValue(timer.Time, out var bucket))
        {
            bucket = _pool.Count > 0 ? _pool.Pop() : new List<TimerEntry<TKey, TNamespace>>();
            _buckets.Add(timer.Time, bucket);
            _times.Enqueue(timer.Time, timer.Time);
        }

        bucket.Add(timer);
        return true;
    }

    public bool Remove(in TimerEntry<TKey, TNamespace> timer) => _live.Remove(timer);

    public bool Contains(in TimerEntry<TKey, TNamespace> timer) => _live.Contains(timer);

    /// <summary>The earliest time that has a bucket (possibly holding only deleted timers).</summary>
    public bool TryPeekTime(out long time) => _times.TryPeek(out time, out _);

    /// <summary>
    /// Removes the earliest bucket and returns its timers. Timers registered for the same time while the caller
    /// fires these go into a new bucket and come up next.
    /// </summary>
    public List<TimerEntry<TKey, TNamespace>> TakeEarliest()
    {
        long time = _times.Dequeue();
        _buckets.Remove(time, out var bucket);
        return bucket!;
    }

    /// <summary>Marks a fired timer as gone; false if it was deleted meanwhile (then it must not fire).</summary>
    public bool TryRetire(in TimerEntry<TKey, TNamespace> timer) => _live.Remove(timer);

    public void Return(List<TimerEntry<TKey, TNamespace>> bucket)
    {
        bucket.Clear();
        if (_pool.Count < 4096)
        {
            _pool.Push(bucket);
        }
    }
}

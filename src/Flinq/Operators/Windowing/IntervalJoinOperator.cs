using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Functions;
using Flinq.Operators.Timers;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Time;

namespace Flinq.Operators.Windowing;

/// <summary>
/// Joins two keyed streams on time intervals (Flink's <c>IntervalJoinOperator</c>): a left element a and a
/// right element b of the same key join when <c>a.ts + lower &lt;= b.ts &lt;= a.ts + upper</c>. Both sides are
/// buffered per key by timestamp; each arriving element is joined with the buffered elements of the other side
/// in range, then buffered itself until the watermark shows no future element of the other side can join it.
/// Elements older than the watermark are late: dropped, or sent to a side output.
/// </summary>
internal sealed class IntervalJoinOperator<TKey, T1, T2, TOut> : TwoInputOperator<T1, T2, TOut>, ITimerTarget<TKey, byte>, IProcessJoinContext, ICheckpointedOperator
    where TKey : notnull
{
    private const byte LeftSide = 0;
    private const byte RightSide = 1;

    private readonly ProcessJoinFunction<T1, T2, TOut> _function;
    private readonly Func<T1, TKey> _keySelector1;
    private readonly Func<T2, TKey> _keySelector2;
    private readonly long _lowerBound;
    private readonly long _upperBound;
    private readonly OutputTag<T1>? _leftLateTag;
    private readonly OutputTag<T2>? _rightLateTag;
    private readonly KeyContext<TKey> _keyContext = new();
    private StateTable<TKey, VoidNamespace, SortedDictionary<long, List<T1>>> _leftBuffer = null!;
    private StateTable<TKey, VoidNamespace, SortedDictionary<long, List<T2>>> _rightBuffer = null!;
    private InternalTimerService<TKey, byte> _timers = null!;
    private TimestampedCollector<TOut> _collector = null!;

    public IntervalJoinOperator(
        ProcessJoinFunction<T1, T2, TOut> function,
        Func<T1, TKey> keySelector1,
        Func<T2, TKey> keySelector2,
        long lowerBound,
        long upperBound,
        bool lowerBoundInclusive,
        bool upperBoundInclusive,
        OutputTag<T1>? leftLateTag,
        OutputTag<T2>? rightLateTag)
    {
        if (lowerBound > upperBound)
        {
            throw new ArgumentException($"An interval join needs lowerBound <= upperBound (got {lowerBound} ms and {upperBound} ms).");
        }

        _function = function;
        _keySelector1 = keySelector1;
        _keySelector2 = keySelector2;
        // Shift exclusive bounds by one millisecond so the join only ever checks inclusive bounds (as Flink does).
        _lowerBound = lowerBoundInclusive ? lowerBound : lowerBound + 1;
        _upperBound = upperBoundInclusive ? upperBound : upperBound - 1;
        _leftLateTag = leftLateTag;
        _rightLateTag = rightLateTag;
    }

    /// <summary>Late elements dropped (no side output set).</summary>
    public long LateRecordsDropped { get; private set; }

    internal int BufferedKeys => _leftBuffer.Count + _rightBuffer.Count;

    public Timestamp LeftTimestamp { get; private set; }

    public Timestamp RightTimestamp { get; private set; }

    public Timestamp Timestamp { get; private set; }

    public override void Open()
    {
        _keyed = new KeyedStateAndTimers<TKey, byte>(Context, _keyContext, this);
        var keyedState = _keyed.State;
        _leftBuffer = keyedState.GetOrCreateTable<VoidNamespace, SortedDictionary<long, List<T1>>>("left-buffer");
        _rightBuffer = keyedState.GetOrCreateTable<VoidNamespace, SortedDictionary<long, List<T2>>>("right-buffer");
        _timers = _keyed.Timers;
        _collector = new TimestampedCollector<TOut>(Output);
        _function.RuntimeContext = Context.CreateRuntimeContext(keyedState);
        _function.Open();
    }

    public override void ProcessElement1(T1 value, Timestamp timestamp)
    {
        try
        {
            var key = _keySelector1(value);
            _keyContext.SetCurrentKey(key);
            long ts = RequireTimestamp(timestamp);
            if (ts < _timers.CurrentWatermark.Milliseconds)
            {
                Late(_leftLateTag, value, timestamp);
                return;
            }

            AddToBuffer(_leftBuffer, key, value, ts);
            if (_rightBuffer.TryGetValue(key, VoidNamespace.Instance, out var others))
            {
                foreach (var (otherTs, bucket) in others)
                {
                    if (otherTs < ts + _lowerBound)
                    {
                        continue;
                    }

                    if (otherTs > ts + _upperBound)
                    {
                        break;
                    }

                    foreach (var other in bucket)
                    {
                        Collect(value, other, ts, otherTs);
                    }
                }
            }

            _timers.RegisterEventTimeTimer(LeftSide, _upperBound > 0 ? ts + _upperBound : ts);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessElement2(T2 value, Timestamp timestamp)
    {
        try
        {
            var key = _keySelector2(value);
            _keyContext.SetCurrentKey(key);
            long ts = RequireTimestamp(timestamp);
            if (ts < _timers.CurrentWatermark.Milliseconds)
            {
                Late(_rightLateTag, value, timestamp);
                return;
            }

            AddToBuffer(_rightBuffer, key, value, ts);

            // A right element b joins left elements a with b.ts - upper <= a.ts <= b.ts - lower.
            if (_leftBuffer.TryGetValue(key, VoidNamespace.Instance, out var others))
            {
                foreach (var (otherTs, bucket) in others)
                {
                    if (otherTs < ts - _upperBound)
                    {
                        continue;
                    }

                    if (otherTs > ts - _lowerBound)
                    {
                        break;
                    }

                    foreach (var other in bucket)
                    {
                        Collect(other, value, otherTs, ts);
                    }
                }
            }

            _timers.RegisterEventTimeTimer(RightSide, -_lowerBound > 0 ? ts - _lowerBound : ts);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    protected override void OnWatermark(Watermark watermark)
    {
        try
        {
            _timers.AdvanceWatermark(watermark);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }

        Output.ProcessWatermark(watermark);
    }

    /// <summary>Removes a buffered bucket once no element of the other side can join it any more.</summary>
    public void OnEventTime(in TimerEntry<TKey, byte> timer)
    {
        if (timer.Namespace == LeftSide)
        {
            long bucket = _upperBound <= 0 ? timer.Time : timer.Time - _upperBound;
            RemoveBucket(_leftBuffer, timer.Key, bucket);
        }
        else
        {
            long bucket = _lowerBound <= 0 ? timer.Time + _lowerBound : timer.Time;
            RemoveBucket(_rightBuffer, timer.Key, bucket);
        }
    }

    public void OnProcessingTime(in TimerEntry<TKey, byte> timer)
    {
    }

    private KeyedStateAndTimers<TKey, byte> _keyed = null!;

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId)
    {
        _keyed.Snapshot(writer);
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public override void Close()
    {
        _timers?.Quiesce();
        _function.Close();
    }

    void IProcessJoinContext.Output<TSide>(OutputTag<TSide> tag, TSide value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Context.GetSideOutput(tag)?.ProcessElement(value, Timestamp);
    }

    private void Collect(T1 left, T2 right, long leftTs, long rightTs)
    {
        LeftTimestamp = new Timestamp(leftTs);
        RightTimestamp = new Timestamp(rightTs);
        Timestamp = new Timestamp(Math.Max(leftTs, rightTs));
        _collector.Timestamp = Timestamp;
        _function.ProcessElement(left, right, this, _collector);
    }

    private void Late<T>(OutputTag<T>? tag, T value, Timestamp timestamp)
    {
        if (tag is null)
        {
            LateRecordsDropped++;
            return;
        }

        Context.GetSideOutput(tag)?.ProcessElement(value, timestamp);
    }

    private static void AddToBuffer<T>(StateTable<TKey, VoidNamespace, SortedDictionary<long, List<T>>> buffer, TKey key, T value, long ts)
    {
        ref var buckets = ref buffer.GetValueRefOrAddDefault(key, VoidNamespace.Instance, out bool exists);
        if (!exists)
        {
            buckets = new SortedDictionary<long, List<T>>();
        }

        if (!buckets!.TryGetValue(ts, out var bucket))
        {
            bucket = new List<T>(1);
            buckets.Add(ts, bucket);
        }

        bucket.Add(value);
    }

    private static void RemoveBucket<T>(StateTable<TKey, VoidNamespace, SortedDictionary<long, List<T>>> buffer, TKey key, long ts)
    {
        if (buffer.TryGetValue(key, VoidNamespace.Instance, out var buckets) && buckets.Remove(ts) && buckets.Count == 0)
        {
            buffer.Remove(key, VoidNamespace.Instance);
        }
    }

    private static long RequireTimestamp(Timestamp timestamp)
    {
        if (!timestamp.HasValue)
        {
            throw new InvalidOperationException("An interval join needs records with timestamps: assign them at the source or with AssignTimestampsAndWatermarks(...).");
        }

        return timestamp.Milliseconds;
    }
}

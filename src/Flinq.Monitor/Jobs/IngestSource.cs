using Flinq.Connectors;

namespace Flinq.Monitor.Jobs;

/// <summary>
/// The unbounded source of a long-running ingest job: HTTP handlers (or a Kafka consumer) offer items with
/// <see cref="TryWrite"/>, and the job's single reader drains them. The queue is bounded by a total weight
/// (e.g. the number of points in the queued batches), so memory never grows without limit: when an item
/// does not fit, <see cref="TryWrite"/> returns false and the caller answers 429/503 with Retry-After.
/// </summary>
/// <remarks>
/// Each <see cref="SourceReader{T}.PollNext"/> emits everything queued (up to <see cref="MaxItemsPerRecord"/>
/// items) as one list, so a sink that commits once per record commits concurrent writers as a group.
/// The source has parallelism 1; <see cref="Complete"/> ends the job once the queue is drained.
/// Thread-safe.
/// </remarks>
public sealed class IngestSource<T> : Source<IReadOnlyList<T>>
{
    private readonly object _lock = new();
    private readonly Queue<(T Item, long Weight)> _queue = new();
    private long _weight;
    private bool _completed;
    private Action? _signal;

    /// <summary>Creates a source holding at most <paramref name="capacity"/> weight units.</summary>
    public IngestSource(long capacity, int maxItemsPerRecord = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItemsPerRecord);
        Capacity = capacity;
        MaxItemsPerRecord = maxItemsPerRecord;
    }

    /// <summary>The most weight the queue holds.</summary>
    public long Capacity { get; }

    /// <summary>The most items emitted as one record.</summary>
    public int MaxItemsPerRecord { get; }

    /// <summary>The weight queued now.</summary>
    public long QueuedWeight
    {
        get
        {
            lock (_lock)
            {
                return _weight;
            }
        }
    }

    /// <inheritdoc />
    public override bool IsBounded => false;

    /// <inheritdoc />
    public override int? MaxParallelism => 1;

    /// <summary>
    /// Queues <paramref name="item"/> unless its weight does not fit or the source is completed. An item heavier
    /// than the whole capacity is accepted only into an empty queue, so a single large batch is never refused forever.
    /// </summary>
    public bool TryWrite(T item, long weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        Action? signal;
        lock (_lock)
        {
            if (_completed || (_weight + weight > Capacity && _queue.Count > 0))
            {
                return false;
            }

            _queue.Enqueue((item, weight));
            _weight += weight;
            signal = _signal;
        }

        signal?.Invoke();
        return true;
    }

    /// <summary>Refuses further writes; the job ends after the queued items are emitted.</summary>
    public void Complete()
    {
        Action? signal;
        lock (_lock)
        {
            _completed = true;
            signal = _signal;
        }

        signal?.Invoke();
    }

    /// <inheritdoc />
    public override SourceReader<IReadOnlyList<T>> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_lock)
        {
            _signal = context.SignalAvailable;
        }

        return new Reader(this);
    }

    private InputStatus Drain(SourceOutput<IReadOnlyList<T>> output)
    {
        List<T>? items = null;
        bool ended;
        lock (_lock)
        {
            while (_queue.Count > 0 && (items is null || items.Count < MaxItemsPerRecord))
            {
                var (item, weight) = _queue.Dequeue();
                _weight -= weight;
                (items ??= new List<T>(Math.Min(_queue.Count + 1, MaxItemsPerRecord))).Add(item);
            }

            ended = _completed && _queue.Count == 0;
            if (items is not null)
            {
                ended = false; // emit first; the next poll ends
            }
        }

        if (items is not null)
        {
            output.Collect(items);
            return InputStatus.MoreAvailable;
        }

        return ended ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
    }

    private sealed class Reader : SourceReader<IReadOnlyList<T>>
    {
        private readonly IngestSource<T> _source;

        public Reader(IngestSource<T> source) => _source = source;

        public override InputStatus PollNext(SourceOutput<IReadOnlyList<T>> output) => _source.Drain(output);
    }
}

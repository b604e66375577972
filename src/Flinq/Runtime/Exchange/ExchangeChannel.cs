using Flinq.Runtime.Tasks;

namespace Flinq.Runtime.Exchange;

/// <summary>
/// A bounded queue of record batches from one producer subtask to one consumer subtask (Flink's input
/// channel). A full channel blocks its producer — backpressure, nothing dropped, memory bounded by
/// capacity × batch size — and every batch wakes the consumer. Consumed batches return to the channel's
/// pool for the producer to refill. Locking is per batch, not per record.
/// </summary>
internal sealed class ExchangeChannel<T> : IExchangeChannel
{
    private readonly object _lock = new();
    private readonly Queue<RecordBatch<T>> _queue;
    private readonly Stack<RecordBatch<T>> _pool = new();
    private readonly int _capacity;
    private readonly int _batchSize;
    private readonly TaskWakeup _consumerWakeup;
    private readonly CancellationToken _cancellation;
    private long _queuedRecords;
    private long _peakQueuedRecords;
    private bool _producerWaiting;

    public ExchangeChannel(int capacity, int batchSize, TaskWakeup consumerWakeup, CancellationToken cancellation)
    {
        _capacity = capacity;
        _batchSize = batchSize;
        _queue = new Queue<RecordBatch<T>>(capacity);
        _consumerWakeup = consumerWakeup;
        _cancellation = cancellation;
        cancellation.UnsafeRegister(static state => ((ExchangeChannel<T>)state!).WakeProducer(), this);
    }

    public long PeakQueuedRecords => Interlocked.Read(ref _peakQueuedRecords);

    public RecordBatch<T> Rent()
    {
        lock (_lock)
        {
            if (_pool.TryPop(out var batch))
            {
                return batch;
            }
        }

        return new RecordBatch<T>(_batchSize);
    }

    /// <summary>
    /// Enqueues a batch, blocking while the channel is full; the time blocked counts as the producer's
    /// backpressure. Throws when the job is cancelled.
    /// </summary>
    public void Send(RecordBatch<T> batch, TaskIOMetrics producer)
    {
        lock (_lock)
        {
            if (_queue.Count >= _capacity)
            {
                WaitForSpace(producer);
            }

            _queue.Enqueue(batch);
            _queuedRecords += batch.Count;
            if (_queuedRecords > _peakQueuedRecords)
            {
                _peakQueuedRecords = _queuedRecords;
            }
        }

        _consumerWakeup.Signal();
    }

    public bool TryReceive(out RecordBatch<T> batch)
    {
        lock (_lock)
        {
            if (!_queue.TryDequeue(out batch!))
            {
                return false;
            }

            _queuedRecords -= batch.Count;
            if (_producerWaiting)
            {
                _producerWaiting = false;
                Monitor.Pulse(_lock);
            }

            return true;
        }
    }

    /// <summary>Gives a consumed batch back to the producer's pool.</summary>
    public void Return(RecordBatch<T> batch)
    {
        batch.Reset();
        lock (_lock)
        {
            _pool.Push(batch);
        }
    }

    // The slow path, under the lock: only here does the producer read the clock.
    private void WaitForSpace(TaskIOMetrics producer)
    {
        producer.BeginBackPressure();
        try
        {
            while (_queue.Count >= _capacity)
            {
                _cancellation.ThrowIfCancellationRequested();
                _producerWaiting = true;
                Monitor.Wait(_lock);
            }
        }
        finally
        {
            producer.EndBackPressure();
        }
    }

    private void WakeProducer()
    {
        lock (_lock)
        {
            Monitor.PulseAll(_lock);
        }
    }
}

/// <summary>The type-free view of a channel the job runner needs for statistics.</summary>
internal interface IExchangeChannel
{
    long PeakQueuedRecords { get; }
}

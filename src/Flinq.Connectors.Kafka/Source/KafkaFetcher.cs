using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// The fetch thread of one Kafka source instance (Flink's <c>SplitFetcher</c> with <c>KafkaPartitionSplitReader</c>).
/// It alone touches the consumer: it discovers the instance's partitions, resolves their offsets, assigns them,
/// consumes and deserializes into <see cref="FetchBatch{T}"/>es, and commits offsets. A full queue blocks it,
/// which stops consuming (librdkafka's prefetch is bounded too): backpressure reaches Kafka.
/// </summary>
internal sealed partial class KafkaFetcher<T> : IDisposable
{
    private const int QueueCapacity = 8;
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly KafkaSourceSettings<T> _settings;
    private readonly KafkaSourceMetrics _metrics;
    private readonly SourceReaderContext _context;
    private readonly ConcurrentDictionary<TopicPartition, KafkaPartitionState> _partitions;
    private readonly IReadOnlyDictionary<TopicPartition, long> _restored;
    private readonly IReadOnlyDictionary<TopicPartition, long>? _restoredStops;
    private readonly IReadOnlySet<TopicPartition> _ownedElsewhere;
    private readonly ManualResetEventSlim _assigned = new();
    private readonly BlockingCollection<FetchBatch<T>> _queue = new(QueueCapacity);
    private readonly ConcurrentQueue<FetchBatch<T>> _pool = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<TopicPartition, long>> _commitRequests = new();
    private readonly Dictionary<TopicPartition, long> _lastCommitted = [];
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private volatile Exception? _error;
    private int _active;

    public KafkaFetcher(
        KafkaSourceSettings<T> settings,
        KafkaSourceMetrics metrics,
        SourceReaderContext context,
        ConcurrentDictionary<TopicPartition, KafkaPartitionState> partitions,
        IReadOnlyDictionary<TopicPartition, long> restored,
        IReadOnlyDictionary<TopicPartition, long>? restoredStops,
        IReadOnlySet<TopicPartition> ownedElsewhere)
    {
        _restoredStops = restoredStops;
        _ownedElsewhere = ownedElsewhere;
        _settings = settings;
        _metrics = metrics;
        _context = context;
        _partitions = partitions;
        _restored = restored;
    }

    private bool Bounded => _settings.Stopping is not null;

    /// <summary>Whether the fetcher ended and every batch was taken: a bounded source is done.</summary>
    public bool IsCompleted => _queue.IsCompleted && _error is null;

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"Flinq Kafka fetcher {_context.SubtaskIndex}/{_context.Parallelism}" };
        _thread.Start();
    }

    /// <summary>Task thread: the next batch, if one is ready. Throws the fetch thread's failure once the batches before it are taken.</summary>
    public bool TryTake(out FetchBatch<T> batch)
    {
        if (_queue.TryTake(out batch!))
        {
            return true;
        }

        if (_error is { } error)
        {
            throw new IOException($"Reading Kafka ({_settings.BootstrapServers}) failed in source instance {_context.SubtaskIndex}: {error.Message}", error);
        }

        return false;
    }

    public void Recycle(FetchBatch<T> batch)
    {
        batch.Clear();
        _pool.Enqueue(batch);
    }

    public void RequestCommit(IReadOnlyDictionary<TopicPartition, long> offsets) => _commitRequests.Enqueue(new Dictionary<TopicPartition, long>(offsets));

    private void Run()
    {
        try
        {
            using var consumer = BuildConsumer();
            using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            if (_restoredStops is not null)
            {
                AssignRestored(consumer);
            }
            else
            {
                Discover(consumer, admin, initial: true);
            }

            _assigned.Set();
            var clock = _context.TimeProvider;
            // After a restore the instance keeps the partitions dealt to it and discovers only partitions that no
            // instance of the restored job owned (_ownedElsewhere), so each partition still has exactly one reader.
            bool discover = !Bounded && _settings.DiscoveryInterval > TimeSpan.Zero;
            long nextDiscovery = discover ? clock.GetTimestamp() + ToTicks(_settings.DiscoveryInterval, clock) : long.MaxValue;
            long nextCommit = _settings.CommitInterval is { } interval ? clock.GetTimestamp() + ToTicks(interval, clock) : long.MaxValue;
            while (!_stop.IsCancellationRequested)
            {
                long now = clock.GetTimestamp();
                if (now >= nextDiscovery)
                {
                    Discover(consumer, admin, initial: false);
                    nextDiscovery = now + ToTicks(_settings.DiscoveryInterval, clock);
                }

                if (now >= nextCommit)
                {
                    CommitEmitted(consumer);
                    nextCommit = now + ToTicks(_settings.CommitInterval!.Value, clock);
                }

                ProcessCommitRequests(consumer);
                if (Bounded && _active == 0)
                {
                    // Done reading; stay until disposed so the final commit sees every emitted record.
                    CompleteQueue();
                    _stop.Token.WaitHandle.WaitOne(s_pollTimeout);
                    continue;
                }

                var batch = Fill(consumer);
                UpdateHighWatermarks(consumer);
                if (batch.Count == 0)
                {
                    Recycle(batch);
                    continue;
                }

                _queue.Add(batch, _stop.Token);
                _context.SignalAvailable();
            }

            if (_settings.CommitInterval is not null)
            {
                CommitEmitted(consumer);
            }

            consumer.Close();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            _error = e;
        }
        finally
        {
            _assigned.Set();
            CompleteQueue();
        }
    }

    /// <summary>Task thread: waits until the fetch thread has taken its partitions (or failed).</summary>
    public bool WaitAssigned(TimeSpan timeout) => _assigned.Wait(timeout);

    private FetchBatch<T> Fill(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (!_pool.TryDequeue(out var batch))
        {
            batch = new FetchBatch<T>();
        }

        var records = batch.Records;
        while (batch.Count < FetchBatch<T>.Capacity)
        {
            var result = consumer.Consume(batch.Count == 0 ? s_pollTimeout : TimeSpan.Zero);
            if (result is null)
            {
                break;
            }

            if (!_owned.TryGetValue(result.TopicPartition, out var state) || state.Finished)
            {
                continue; // prefetched before the partition was unassigned
            }

            if (result.IsPartitionEOF)
            {
                state.HighWatermark = Math.Max(state.HighWatermark, result.Offset.Value);
                if (result.Offset.Value >= state.StopOffset)
                {
                    Finish(consumer, state);
                }

                if (Bounded && _active == 0)
                {
                    break;
                }

                continue;
            }

            long offset = result.Offset.Value;
            if (offset >= state.StopOffset)
            {
                Finish(consumer, state);
                continue;
            }

            ref var record = ref records[batch.Count++];
            record.Partition = state;
            record.Offset = offset;
            var timestamp = result.Message.Timestamp;
            record.TimestampMs = timestamp.Type == TimestampType.NotAvailable ? long.MinValue : timestamp.UnixTimestampMs;
            Deserialize(result, ref record);
            if (offset + 1 >= state.StopOffset)
            {
                Finish(consumer, state);
            }
        }

        return batch;
    }

    private void Deserialize(ConsumeResult<byte[]?, byte[]?> result, ref FetchedRecord<T> record)
    {
        try
        {
            record.Value = _settings.Deserializer.Deserialize(result);
        }
        catch (Exception e)
        {
            var message = result.Message;
            record.Bad = new KafkaBadRecord(
                result.Topic, result.Partition.Value, result.Offset.Value,
                record.TimestampMs == long.MinValue ? null : record.TimestampMs, message.Key, message.Value, $"{e.GetType().Name}: {e.Message}");
            record.BadCause = e;
        }
    }

    private void CompleteQueue()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }

        _context.SignalAvailable();
    }

    private static long ToTicks(TimeSpan span, TimeProvider clock) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        _stop.Dispose();
        _queue.Dispose();
        _assigned.Dispose();
    }
}

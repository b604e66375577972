using Flinq.Connectors;
using Flinq.Server.Diagnostics;
using Flinq.Server.Ingest;
using Flinq.Server.Live;
using Flinq.Time;

namespace Flinq.Server.Storage;

/// <summary>
/// The storage job's sink. An HTTP record is the group of batches the ingest source drained together; it is
/// written in one DuckDB transaction, and every batch is acknowledged (or failed) after the commit. A failed
/// commit fails only those batches (their requests answer 503 and the clients retry); the job keeps running.
/// </summary>
/// <remarks>
/// Kafka records (batches with a <see cref="TelemetryBatch.Kafka"/> position) are buffered and written with
/// their partitions' next offsets in the same transaction: when <see cref="FlushItems"/> items are pending, with
/// the next HTTP commit, and at each checkpoint barrier (<see cref="SinkWriter{T}.SnapshotState"/>), so a
/// completed checkpoint — after which the source commits its offsets to the consumer group — never covers a
/// record the database lacks. A record at an offset below the stored next offset of its partition was stored
/// before (a replay after a restart) and is skipped: Kafka data lands in DuckDB exactly once. A failed commit
/// with Kafka records fails the job, whose restart re-reads them from the last checkpoint.
/// </remarks>
internal sealed class TelemetryStoreSink : Sink<IReadOnlyList<TelemetryBatch>>
{
    /// <summary>Buffered Kafka items that trigger a write before the next checkpoint.</summary>
    public const int FlushItems = 20_000;

    private readonly TelemetryStore _store;
    private readonly ServerMetrics _metrics;
    private readonly LiveAggregate? _live;

    /// <param name="live">Told about every committed group of batches (the big screen's fleet picture), or null.</param>
    public TelemetryStoreSink(TelemetryStore store, ServerMetrics metrics, LiveAggregate? live = null)
    {
        _store = store;
        _metrics = metrics;
        _live = live;
    }

    public override SinkWriter<IReadOnlyList<TelemetryBatch>> CreateWriter(SinkContext context) => new Writer(_store, _metrics, _live);

    private sealed class Writer : SinkWriter<IReadOnlyList<TelemetryBatch>>
    {
        private readonly TelemetryStore _store;
        private readonly ServerMetrics _metrics;
        private readonly LiveAggregate? _live;
        private readonly Dictionary<(string Topic, int Partition), long> _storedOffsets;
        private readonly List<TelemetryBatch> _pending = [];
        private readonly List<TelemetryBatch> _combined = [];
        private int _pendingItems;

        public Writer(TelemetryStore store, ServerMetrics metrics, LiveAggregate? live)
        {
            _store = store;
            _metrics = metrics;
            _live = live;

            // A (re)started job reads what the database holds, so replays from an older checkpoint are recognised.
            _storedOffsets = store.ReadKafkaOffsets();
        }

        public override void Write(IReadOnlyList<TelemetryBatch> value, Timestamp timestamp)
        {
            if (value.Count == 1 && value[0].Kafka is { } position)
            {
                if (_storedOffsets.TryGetValue((position.Topic, position.Partition), out long next) && position.Offset < next)
                {
                    _metrics.KafkaRecords(position.Topic, "duplicate", 1);
                    return;
                }

                _pending.Add(value[0]);
                _pendingItems += value[0].Count;
                if (_pendingItems >= FlushItems)
                {
                    Commit(null);
                }

                return;
            }

            Commit(value);
        }

        public override IReadOnlyList<byte[]>? SnapshotState(long checkpointId)
        {
            Commit(null);
            return null;
        }

        public override void Flush(bool endOfInput) => Commit(null);

        private void Commit(IReadOnlyList<TelemetryBatch>? http)
        {
            if (http is null && _pending.Count == 0)
            {
                return;
            }

            IReadOnlyList<TelemetryBatch> batches = http ?? _pending;
            if (http is not null && _pending.Count > 0)
            {
                _combined.Clear();
                _combined.AddRange(http);
                _combined.AddRange(_pending);
                batches = _combined;
            }

            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                _store.Write(batches);
            }
#pragma warning disable CA1031 // a failed commit fails its requests (503, retried), not the job
            catch (Exception e)
#pragma warning restore CA1031
            {
                _metrics.StorageCommitFailed();
                foreach (var batch in batches)
                {
                    batch.MarkFailed(e);
                }

                if (_pending.Count > 0)
                {
                    // Kafka records have no client to retry them: fail the job, the restart re-reads them.
                    throw new IOException($"storing {_pending.Count} Kafka records failed: {e.Message}", e);
                }

                return;
            }

            int items = 0;
            foreach (var batch in batches)
            {
                items += batch.Count;
                batch.MarkStored();
                if (batch.Kafka is { } position)
                {
                    _storedOffsets[(position.Topic, position.Partition)] = position.Offset + 1;
                    _metrics.KafkaRecords(position.Topic, "stored", 1);
                    _metrics.Items("metrics", "accepted", batch.Metrics.Count);
                    _metrics.Items("logs", "accepted", batch.Logs.Count);
                    _metrics.Items("traces", "accepted", batch.Spans.Count);
                }
            }

            _metrics.StorageCommitted(items, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            _live?.Observe(batches);
            _pending.Clear();
            _combined.Clear();
            _pendingItems = 0;
        }
    }
}

using Flinq.Connectors;
using Flinq.Server.Diagnostics;
using Flinq.Server.Ingest;
using Flinq.Server.Live;
using Flinq.Time;

namespace Flinq.Server.Storage;

/// <summary>
/// The storage job's sink: each record is the group of batches the ingest source drained together; it is
/// written in one DuckDB transaction, and every batch is acknowledged (or failed) after the commit. A failed
/// commit fails only those batches (their requests answer 503 and the clients retry); the job keeps running.
/// </summary>
internal sealed class TelemetryStoreSink : Sink<IReadOnlyList<TelemetryBatch>>
{
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

        public Writer(TelemetryStore store, ServerMetrics metrics, LiveAggregate? live)
        {
            _store = store;
            _metrics = metrics;
            _live = live;
        }

        public override void Write(IReadOnlyList<TelemetryBatch> value, Timestamp timestamp)
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                _store.Write(value);
            }
#pragma warning disable CA1031 // a failed commit fails its requests (503, retried), not the job
            catch (Exception e)
#pragma warning restore CA1031
            {
                _metrics.StorageCommitFailed();
                foreach (var batch in value)
                {
                    batch.MarkFailed(e);
                }

                return;
            }

            _metrics.StorageCommitted(value.Sum(b => b.Count), System.Diagnostics.Stopwatch.GetElapsedTime(started));
            _live?.Observe(value);
            foreach (var batch in value)
            {
                batch.MarkStored();
            }
        }
    }
}

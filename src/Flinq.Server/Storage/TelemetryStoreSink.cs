using Flinq.Connectors;
using Flinq.Server.Diagnostics;
using Flinq.Server.Ingest;
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

    public TelemetryStoreSink(TelemetryStore store, ServerMetrics metrics)
    {
        _store = store;
        _metrics = metrics;
    }

    public override SinkWriter<IReadOnlyList<TelemetryBatch>> CreateWriter(SinkContext context) => new Writer(_store, _metrics);

    private sealed class Writer : SinkWriter<IReadOnlyList<TelemetryBatch>>
    {
        private readonly TelemetryStore _store;
        private readonly ServerMetrics _metrics;

        public Writer(TelemetryStore store, ServerMetrics metrics)
        {
            _store = store;
            _metrics = metrics;
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
            foreach (var batch in value)
            {
                batch.MarkStored();
            }
        }
    }
}

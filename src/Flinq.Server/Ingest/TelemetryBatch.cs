using Flinq.Monitor.Telemetry;

namespace Flinq.Server.Ingest;

/// <summary>
/// The telemetry of one ingest request on its way through the storage job. <see cref="Stored"/> completes
/// after the storage transaction holding it committed; only then does the request answer 2xx.
/// </summary>
internal sealed class TelemetryBatch
{
    private readonly TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<MetricPoint> Metrics { get; } = [];

    /// <summary>For a batch read from Kafka: the record it came from (stored with the batch, for resuming and dedup); null for HTTP.</summary>
    public KafkaPosition? Kafka { get; init; }

    public List<LogRecord> Logs { get; } = [];

    public List<Span> Spans { get; } = [];

    /// <summary>Items in the batch: the queue weight.</summary>
    public int Count => Metrics.Count + Logs.Count + Spans.Count;

    /// <summary>Completes when the batch is committed to storage; faults when the commit failed.</summary>
    public Task Stored => _stored.Task;

    public void MarkStored() => _stored.TrySetResult();

    public void MarkFailed(Exception error) => _stored.TrySetException(error);
}

using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Connectors;
using Flinq.Runtime.Tasks;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>Hands records to a <see cref="SinkWriter{T}"/>; flushes it when input ends.</summary>
internal sealed class SinkOperator<T> : Input<T>, ISinkOperator, ICheckpointedOperator
{
    private readonly Sink<T> _sink;
    private readonly OperatorContext _context;
    private readonly TaskIOMetrics _metrics;
    private SinkWriter<T>? _writer;

    // Written by the task thread per record, read racily by metrics (see TaskIOMetrics).
    private long _recordsWritten;

    public SinkOperator(Sink<T> sink, OperatorContext context, TaskIOMetrics metrics)
    {
        _sink = sink;
        _context = context;
        _metrics = metrics;
    }

    public string Name => _context.Name;

    public long RecordsWritten => Volatile.Read(ref _recordsWritten);

    private const string StateSection = "sink";

    public void Open()
    {
        var restore = _context.RestoreState;
        var restored = restore.IsRestored ? restore.ListItems(StateSection) : null;
        _writer = _sink.CreateWriter(new SinkContext(_context.SubtaskIndex, _context.Parallelism, _context.Serializers, restored));
    }

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId)
    {
        try
        {
            if (_writer!.SnapshotState(checkpointId) is { } state)
            {
                writer.AddUnionList(StateSection, state);
            }
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        try
        {
            _writer!.NotifyCheckpointComplete(checkpointId);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessElement(T value, Timestamp timestamp)
    {
        _recordsWritten++;
        try
        {
            _writer!.Write(value, timestamp);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessWatermark(Watermark watermark) => _metrics.SetOutputWatermark(watermark.Milliseconds);

    public void Finish()
    {
        try
        {
            _writer?.Flush(endOfInput: true);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public void Close() => _writer?.Dispose();
}

/// <summary>The type-free face of a sink operator that metrics read.</summary>
internal interface ISinkOperator : IStreamOperator
{
    /// <summary>The records handed to the sink's writer so far (Flink's sink <c>numRecordsOut</c>); safe to read from another thread.</summary>
    long RecordsWritten { get; }
}

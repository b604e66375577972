using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>Hands records to a <see cref="SinkWriter{T}"/>; flushes it when input ends.</summary>
internal sealed class SinkOperator<T> : Input<T>, IStreamOperator, ICheckpointedOperator
{
    private readonly Sink<T> _sink;
    private readonly OperatorContext _context;
    private SinkWriter<T>? _writer;

    public SinkOperator(Sink<T> sink, OperatorContext context)
    {
        _sink = sink;
        _context = context;
    }

    public string Name => _context.Name;

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
        try
        {
            _writer!.Write(value, timestamp);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public override void ProcessWatermark(Watermark watermark)
    {
    }

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

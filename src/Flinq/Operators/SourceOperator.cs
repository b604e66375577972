using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Drives a <see cref="SourceReader{T}"/> inside its task and is the reader's <see cref="SourceOutput{T}"/>.
/// When a bounded source ends it emits the final watermark, so every event-time window and timer downstream
/// fires, as in Flink.
/// </summary>
internal sealed class SourceOperator<T> : SourceOutput<T>, ISourceOperator, ICheckpointedOperator
{
    private readonly Source<T> _source;
    private readonly OperatorContext _context;
    private readonly Input<T> _output;
    private readonly SourceReaderContext _readerContext;
    private SourceReader<T>? _reader;
    private Watermark _currentWatermark = Watermark.MinValue;

    public SourceOperator(Source<T> source, OperatorContext context, Input<T> output, SourceReaderContext readerContext)
    {
        _source = source;
        _context = context;
        _output = output;
        _readerContext = readerContext;
    }

    public string Name => _context.Name;

    private const string SplitsSection = "source-splits";

    public void Open()
    {
        var restore = _context.RestoreState;
        var readerContext = _readerContext;
        if (restore.IsRestored && restore.HasList(SplitsSection))
        {
            // Splits of all old instances, dealt round robin over the new ones.
            var mine = restore.ListItems(SplitsSection).Where((_, i) => i % _context.Parallelism == _context.SubtaskIndex).ToArray();
            readerContext = _readerContext.WithRestoredSplits(mine);
        }

        _reader = _source.CreateReader(readerContext);
        _reader.Start();
    }

    public void SnapshotState(OperatorSnapshotWriter writer, long checkpointId)
    {
        try
        {
            if (_reader!.SnapshotState(checkpointId) is { } splits)
            {
                writer.AddUnionList(SplitsSection, splits);
            }
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    public void NotifyCheckpointComplete(long checkpointId) => _reader!.NotifyCheckpointComplete(checkpointId);

    public InputStatus PollNext()
    {
        try
        {
            return _reader!.PollNext(this);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }

    /// <summary>The input has ended: no record will ever come, so the watermark jumps to the end of time.</summary>
    public void EndOfInput() => EmitWatermark(Watermark.MaxValue);

    public override void Collect(T value) => _output.ProcessElement(value, Timestamp.None);

    public override void Collect(T value, Timestamp timestamp) => _output.ProcessElement(value, timestamp);

    public override void EmitWatermark(Watermark watermark)
    {
        if (watermark > _currentWatermark)
        {
            _currentWatermark = watermark;
            _output.ProcessWatermark(watermark);
        }
    }

    public override void Output<TSide>(OutputTag<TSide> tag, TSide value) => _context.GetSideOutput(tag)?.ProcessElement(value, Timestamp.None);

    public void Finish()
    {
    }

    public void Close() => _reader?.Dispose();
}

/// <summary>The type-free face of a source operator that its task drives.</summary>
internal interface ISourceOperator : IStreamOperator
{
    InputStatus PollNext();

    void EndOfInput();
}

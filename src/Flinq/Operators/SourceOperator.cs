using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Drives a <see cref="SourceReader{T}"/> inside its task and is the reader's <see cref="SourceOutput{T}"/>.
/// When a bounded source ends it emits the final watermark, so every event-time window and timer downstream
/// fires, as in Flink.
/// </summary>
internal sealed class SourceOperator<T> : SourceOutput<T>, ISourceOperator
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

    public void Open()
    {
        _reader = _source.CreateReader(_readerContext);
        _reader.Start();
    }

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

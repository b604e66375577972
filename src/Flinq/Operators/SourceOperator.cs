using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Drives a <see cref="SourceReader{T}"/> inside its task and is the reader's <see cref="SourceOutput{T}"/>.
/// With a <see cref="WatermarkStrategy{T}"/> it assigns timestamps and generates watermarks inside the source:
/// one generator for records emitted directly, and one per split for records emitted through
/// <see cref="ForSplit"/>; the source's watermark is the minimum over them, idle ones excluded, and periodic
/// generators run every <see cref="OperatorContext.AutoWatermarkInterval"/> in the task's mailbox.
/// Watermarks the reader emits directly pass through (never backwards). When a bounded source ends it emits
/// the final watermark, so every event-time window and timer downstream fires, as in Flink.
/// </summary>
internal sealed class SourceOperator<T> : SourceOutput<T>, ISourceOperator, ICheckpointedOperator
{
    private readonly Source<T> _source;
    private readonly OperatorContext _context;
    private readonly Input<T> _output;
    private readonly SourceReaderContext _readerContext;
    private readonly WatermarkStrategy<T>? _strategy;
    private readonly Dictionary<string, SourceSplitOutput<T>> _splits = new(StringComparer.Ordinal);
    private InputWatermarkOutput<T> _watermarks = null!;
    private WatermarkOutputMultiplexer _multiplexer = null!;
    private IWatermarkGenerator<T>? _mainGenerator;
    private IWatermarkOutput? _mainWatermarks;
    private PeriodicWatermarkEmitter? _emitter;
    private SourceReader<T>? _reader;

    // Written by the task thread per record (a plain add on a field of this object, which is hot anyway), read
    // racily by metrics: see TaskIOMetrics for why that is safe.
    private long _recordsEmitted;

    public SourceOperator(Source<T> source, OperatorContext context, Input<T> output, SourceReaderContext readerContext, WatermarkStrategy<T>? strategy = null)
    {
        _source = source;
        _context = context;
        _output = output;
        _readerContext = readerContext;
        _strategy = strategy;
    }

    public string Name => _context.Name;

    private const string SplitsSection = "source-splits";

    /// <summary>The source's current watermark.</summary>
    public Watermark CurrentWatermark => _watermarks.Current;

    /// <summary>The records the reader emitted so far (Flink's source <c>numRecordsIn</c>).</summary>
    public long RecordsEmitted => Volatile.Read(ref _recordsEmitted);

    /// <summary>Whether the source has marked itself idle.</summary>
    public bool IsIdle => _watermarks.IsIdle;

    public void Open()
    {
        _watermarks = new InputWatermarkOutput<T>(_output);
        _multiplexer = new WatermarkOutputMultiplexer(_watermarks);
        if (_strategy is { EmitsWatermarks: true })
        {
            _mainGenerator = _strategy.CreateGenerator(new WatermarkGeneratorContext(_context.TimeProvider, _context.SubtaskIndex, splitId: null));
            _emitter = PeriodicWatermarkEmitter.Start(_context, EmitPeriodicWatermarks);
        }

        var restore = _context.RestoreState;
        var readerContext = _readerContext;
        if (restore.IsRestored && restore.HasList(SplitsSection))
        {
            // Splits of all old instances, dealt round robin over the new ones.
            var all = restore.ListItems(SplitsSection).ToArray();
            var mine = all.Where((_, i) => i % _context.Parallelism == _context.SubtaskIndex).ToArray();
            readerContext = _readerContext.WithRestoredSplits(mine, all);
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
    public void EndOfInput()
    {
        _emitter?.Dispose();
        _watermarks.EmitWatermark(Watermark.MaxValue);
    }

    public override void Collect(T value) => Collect(value, Timestamp.None);

    public override void Collect(T value, Timestamp timestamp)
    {
        _recordsEmitted++;
        if (_strategy is null)
        {
            _output.ProcessElement(value, timestamp);
            return;
        }

        var assigned = _strategy.Assign(value, timestamp);
        _output.ProcessElement(value, assigned);
        if (_mainGenerator is not null)
        {
            // The reader-wide generator joins the minimum once records flow through the main output.
            _mainWatermarks ??= _multiplexer.Register();
            _mainGenerator.OnEvent(value, assigned, _mainWatermarks);
        }
    }

    public override void EmitWatermark(Watermark watermark) => _watermarks.EmitWatermark(watermark);

    public override void MarkIdle() => _watermarks.MarkIdle();

    public override void Output<TSide>(OutputTag<TSide> tag, TSide value) => _context.GetSideOutput(tag)?.ProcessElement(value, Timestamp.None);

    public override SourceOutput<T> ForSplit(string splitId)
    {
        ArgumentNullException.ThrowIfNull(splitId);
        if (!_splits.TryGetValue(splitId, out var split))
        {
            var generator = _strategy is { EmitsWatermarks: true }
                ? _strategy.CreateGenerator(new WatermarkGeneratorContext(_context.TimeProvider, _context.SubtaskIndex, splitId))
                : null;
            split = new SourceSplitOutput<T>(this, splitId, _strategy, generator, _multiplexer.Register());
            _splits.Add(splitId, split);
        }

        return split;
    }

    public override void ReleaseSplit(string splitId)
    {
        if (_splits.Remove(splitId, out var split))
        {
            _multiplexer.Unregister(split.Watermarks);
        }
    }

    internal void EmitRecord(T value, Timestamp timestamp)
    {
        _recordsEmitted++;
        _output.ProcessElement(value, timestamp);
    }

    public void Finish()
    {
    }

    public void Close()
    {
        _emitter?.Dispose();
        _reader?.Dispose();
    }

    private void EmitPeriodicWatermarks()
    {
        try
        {
            _multiplexer.BeginDeferred();
            if (_mainWatermarks is null && _splits.Count == 0 && _strategy!.IdleTimeout is not null)
            {
                // A reader that has emitted nothing yet must still be able to go idle, or it would stall the
                // watermark of every operator downstream (a parallel instance without data).
                _mainWatermarks = _multiplexer.Register();
            }

            if (_mainWatermarks is not null)
            {
                _mainGenerator!.OnPeriodicEmit(_mainWatermarks);
            }

            foreach (var split in _splits.Values)
            {
                split.Generator?.OnPeriodicEmit(split.Watermarks);
            }
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
        finally
        {
            _multiplexer.EndDeferred();
        }
    }
}

/// <summary>The type-free face of a source operator that its task drives.</summary>
internal interface ISourceOperator : IStreamOperator
{
    /// <summary>The records emitted so far; safe to read from another thread.</summary>
    long RecordsEmitted { get; }

    InputStatus PollNext();

    void EndOfInput();
}

using Flinq.Serialization;

namespace Flinq.Connectors.Sources;

/// <summary>
/// Generates records from sequence numbers, in parallel. The numbers are split into stride classes: split
/// i of p yields i, i+p, i+2p, ... below the count (or forever). A fresh job gives instance i the split i of
/// its parallelism; the next number of each split is its whole position, so the source replays exactly from a
/// checkpoint, also at another parallelism (splits are then dealt over the new instances). With a rate limit,
/// each instance emits its share of the rate, measured from its start on the job's clock. Under a watermark
/// strategy each split ("generator-i/p") has its own watermark generator.
/// </summary>
internal sealed class GeneratorSource<T> : Source<T>
{
    private readonly Func<long, T> _generator;
    private readonly long? _count;
    private readonly double? _recordsPerSecond;

    public GeneratorSource(Func<long, T> generator, long? count, double? recordsPerSecond)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count cannot be negative.");
        }

        if (recordsPerSecond is <= 0 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(recordsPerSecond), recordsPerSecond, "The rate must be positive.");
        }

        _generator = generator;
        _count = count;
        _recordsPerSecond = recordsPerSecond;
    }

    public override bool IsBounded => _count.HasValue;

    public override SourceReader<T> CreateReader(SourceReaderContext context)
    {
        var splits = context.RestoredSplits is { } restored
            ? restored.Select(Split.Decode).ToList()
            : [new Split(context.SubtaskIndex, context.Parallelism, context.SubtaskIndex)];
        return new Reader(this, context, splits);
    }

    /// <summary>The numbers <c>first + k × stride</c>; <see cref="Next"/> is the next one to emit.</summary>
    private sealed class Split(long first, long stride, long next)
    {
        public long First { get; } = first;

        public long Stride { get; } = stride;

        public long Next { get; set; } = next;

        public string Id => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"generator-{First}/{Stride}");

        /// <summary>The split's output (its own watermark generator under a strategy); set on first use.</summary>
        public SourceOutput<T>? Output { get; set; }

        public static Split Decode(byte[] bytes)
        {
            var reader = new StateReader(bytes);
            return new Split(reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64());
        }

        public byte[] Encode()
        {
            var writer = new StateWriter(16);
            writer.WriteVarInt64(First);
            writer.WriteVarInt64(Stride);
            writer.WriteVarInt64(Next);
            return writer.ToArray();
        }
    }

    private sealed class Reader : SourceReader<T>
    {
        private const int BatchSize = 1024;
        private readonly Func<long, T> _generator;
        private readonly long _end;
        private readonly double _ratePerInstance;
        private readonly SourceReaderContext _context;
        private readonly List<Split> _splits;
        private int _current;
        private long _emitted;
        private long _startTicks;
        private ITimer? _timer;

        public Reader(GeneratorSource<T> source, SourceReaderContext context, List<Split> splits)
        {
            _generator = source._generator;
            _end = source._count ?? long.MaxValue;
            _ratePerInstance = (source._recordsPerSecond ?? 0) / context.Parallelism;
            _context = context;
            _splits = splits;
        }

        public override void Start() => _startTicks = _context.TimeProvider.GetTimestamp();

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            // Drop finished splits; rotate over the rest so each gets a turn per batch.
            for (int i = _splits.Count - 1; i >= 0; i--)
            {
                if (_splits[i].Next >= _end)
                {
                    if (_splits[i].Output is not null)
                    {
                        output.ReleaseSplit(_splits[i].Id);
                    }

                    _splits.RemoveAt(i);
                }
            }

            if (_splits.Count == 0)
            {
                return InputStatus.EndOfInput;
            }

            long budget = BatchSize;
            if (_ratePerInstance > 0)
            {
                var elapsed = _context.TimeProvider.GetElapsedTime(_startTicks);
                budget = Math.Min(budget, (long)(elapsed.TotalSeconds * _ratePerInstance) + 1 - _emitted);
                if (budget <= 0)
                {
                    // The estimate above can fall just short through floating-point error; the due time in
                    // whole ticks decides, so that a reader woken at its due time always emits (no stall) and
                    // a reader not yet due always waits a positive time (no busy loop on a clock standing still).
                    long dueTicks = (long)Math.Ceiling(_emitted / _ratePerInstance * TimeSpan.TicksPerSecond);
                    if (elapsed.Ticks < dueTicks)
                    {
                        WakeWhenDue(dueTicks, elapsed.Ticks);
                        return InputStatus.NothingAvailable;
                    }

                    budget = 1;
                }
            }

            _current = (_current + 1) % _splits.Count;
            var split = _splits[_current];
            var splitOutput = split.Output ??= output.ForSplit(split.Id);
            var generator = _generator;
            long next = split.Next;
            long end = _end;
            long stride = split.Stride;
            long emitted = 0;
            for (; emitted < budget && next < end; emitted++)
            {
                splitOutput.Collect(generator(next));
                next += stride;
            }

            _emitted += emitted;
            split.Next = next;
            return InputStatus.MoreAvailable;
        }

        public override IReadOnlyList<byte[]> SnapshotState(long checkpointId) => _splits.Select(s => s.Encode()).ToArray();

        private void WakeWhenDue(long dueTicks, long elapsedTicks)
        {
            _timer?.Dispose();
            _timer = _context.TimeProvider.CreateTimer(static state => ((SourceReaderContext)state!).SignalAvailable(), _context, TimeSpan.FromTicks(dueTicks - elapsedTicks), Timeout.InfiniteTimeSpan);

            // The clock may have moved past the due time between reading it and creating the timer (a fake
            // clock advanced by another thread does exactly that), leaving the timer due too late: check again.
            if (_context.TimeProvider.GetElapsedTime(_startTicks).Ticks >= dueTicks)
            {
                _context.SignalAvailable();
            }
        }

        protected override void Dispose(bool disposing)
        {
            _timer?.Dispose();
            base.Dispose(disposing);
        }
    }
}

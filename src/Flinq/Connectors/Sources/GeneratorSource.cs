namespace Flinq.Connectors.Sources;

/// <summary>
/// Generates records from sequence numbers, in parallel: instance i of p emits i, i+p, i+2p, ... below the
/// count (or forever). With a rate limit, each instance emits its share of the rate, measured from its start
/// on the job's clock. The next sequence number is the whole position of an instance, so it replays exactly.
/// Each instance reads one split ("generator-i"), which has its own watermark generator under a strategy.
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

    public override SourceReader<T> CreateReader(SourceReaderContext context) => new Reader(this, context);

    private sealed class Reader : SourceReader<T>
    {
        private const int BatchSize = 1024;
        private readonly Func<long, T> _generator;
        private readonly long _end;
        private readonly long _stride;
        private readonly double _ratePerInstance;
        private readonly SourceReaderContext _context;
        private long _next;
        private long _emitted;
        private long _startTicks;
        private ITimer? _timer;
        private SourceOutput<T>? _split;

        public Reader(GeneratorSource<T> source, SourceReaderContext context)
        {
            _generator = source._generator;
            _end = source._count ?? long.MaxValue;
            _stride = context.Parallelism;
            _next = context.SubtaskIndex;
            _ratePerInstance = (source._recordsPerSecond ?? 0) / context.Parallelism;
            _context = context;
        }

        public override void Start() => _startTicks = _context.TimeProvider.GetTimestamp();

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            long budget = BatchSize;
            if (_ratePerInstance > 0)
            {
                double elapsed = _context.TimeProvider.GetElapsedTime(_startTicks).TotalSeconds;
                budget = Math.Min(budget, (long)(elapsed * _ratePerInstance) + 1 - _emitted);
                if (budget <= 0)
                {
                    WakeWhenDue();
                    return InputStatus.NothingAvailable;
                }
            }

            var split = _split ??= output.ForSplit("generator-" + _context.SubtaskIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var generator = _generator;
            long next = _next;
            long end = _end;
            long stride = _stride;
            for (long i = 0; i < budget && next < end; i++)
            {
                split.Collect(generator(next));
                next += stride;
            }

            _emitted += (next - _next) / stride;
            _next = next;
            return next < end ? InputStatus.MoreAvailable : InputStatus.EndOfInput;
        }

        // The next record is due when elapsed × rate reaches the number emitted.
        private void WakeWhenDue()
        {
            double dueSeconds = _emitted / _ratePerInstance;
            var delay = TimeSpan.FromSeconds(dueSeconds) - _context.TimeProvider.GetElapsedTime(_startTicks);
            _timer?.Dispose();
            _timer = _context.TimeProvider.CreateTimer(static state => ((SourceReaderContext)state!).SignalAvailable(), _context, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        }

        protected override void Dispose(bool disposing)
        {
            _timer?.Dispose();
            base.Dispose(disposing);
        }
    }
}

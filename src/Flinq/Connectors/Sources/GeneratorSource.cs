namespace Flinq.Connectors.Sources;

/// <summary>
/// Generates records from sequence numbers, in parallel: instance i of p emits i, i+p, i+2p, ... below the
/// count (or forever). With a rate limit, each instance emits its share of the rate, measured from its start
/// on the job's clock. The next sequence number is the whole position of an instance, so it replays exactly.
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

            var generator = _generator;
            long next = _next;
            long end = _end;
            long stride = _stride;
            for (long i = 0; i < budget && next < end; i++)
            {
                output.Collect(generator(next));
                next += stride;
            }

            _emitted += (next - _next) / stride;
            _next = next;
            return next < end ? InputStatus.MoreAvailable : InputStatus.EndOfInput;
        }

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

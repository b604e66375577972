using System.Collections.Concurrent;
using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>An unbounded source the test feeds while the job runs: records with timestamps, watermarks, then the end.</summary>
internal sealed class QueueSource<T> : Source<T>
{
    private readonly ConcurrentQueue<(T? Value, long Time, int Kind)> _queue = new();
    private volatile SourceReaderContext? _context;

    public override bool IsBounded => false;

    public override int? MaxParallelism => 1;

    public QueueSource<T> Add(T value, long time)
    {
        _queue.Enqueue((value, time, 0));
        _context?.SignalAvailable();
        return this;
    }

    public QueueSource<T> Watermark(long time)
    {
        _queue.Enqueue((default, time, 1));
        _context?.SignalAvailable();
        return this;
    }

    public void Complete()
    {
        _queue.Enqueue((default, 0, 2));
        _context?.SignalAvailable();
    }

    public override SourceReader<T> CreateReader(SourceReaderContext context)
    {
        _context = context;
        return new Reader(_queue);
    }

    private sealed class Reader(ConcurrentQueue<(T? Value, long Time, int Kind)> queue) : SourceReader<T>
    {
        private bool _ended;

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            if (_ended)
            {
                return InputStatus.EndOfInput;
            }

            if (!queue.TryDequeue(out var step))
            {
                return InputStatus.NothingAvailable;
            }

            switch (step.Kind)
            {
                case 0:
                    output.Collect(step.Value!, new Timestamp(step.Time));
                    break;
                case 1:
                    output.EmitWatermark(new Watermark(step.Time));
                    break;
                default:
                    _ended = true;
                    return InputStatus.EndOfInput;
            }

            return InputStatus.MoreAvailable;
        }
    }
}

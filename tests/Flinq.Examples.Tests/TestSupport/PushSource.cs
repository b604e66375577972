using System.Collections.Concurrent;
using Flinq.Connectors;

namespace Flinq.Examples.Tests.TestSupport;

/// <summary>
/// An unbounded, non-parallel source the test pushes records into while the job runs (without timestamps),
/// so processing time can be advanced between records.
/// </summary>
internal sealed class PushSource<T> : Source<T>
{
    private readonly ConcurrentQueue<T> _queue = new();
    private volatile SourceReaderContext? _context;
    private long _emitted;

    public override bool IsBounded => false;

    public override int? MaxParallelism => 1;

    /// <summary>Records the source has handed to the job so far.</summary>
    public long Emitted => Interlocked.Read(ref _emitted);

    public void Push(T value)
    {
        _queue.Enqueue(value);
        _context?.SignalAvailable();
    }

    public override SourceReader<T> CreateReader(SourceReaderContext context)
    {
        _context = context;
        return new Reader(this);
    }

    private sealed class Reader(PushSource<T> source) : SourceReader<T>
    {
        public override InputStatus PollNext(SourceOutput<T> output)
        {
            if (!source._queue.TryDequeue(out var value))
            {
                return InputStatus.NothingAvailable;
            }

            output.Collect(value);
            Interlocked.Increment(ref source._emitted);
            return InputStatus.MoreAvailable;
        }
    }
}

using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Benchmarks;

/// <summary>
/// A sink that only counts: each writer increments a field per record (no allocation, no shared write) and
/// adds its count to the shared <see cref="RecordCounter"/> when flushed and when disposed.
/// </summary>
internal sealed class CountingSink<T>(RecordCounter counter) : Sink<T>
{
    public override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(counter);

    private sealed class Writer(RecordCounter counter) : SinkWriter<T>
    {
        private long _count;

        public override void Write(T value, Timestamp timestamp) => _count++;

        public override void Flush(bool endOfInput) => Publish();

        protected override void Dispose(bool disposing)
        {
            Publish();
            base.Dispose(disposing);
        }

        private void Publish()
        {
            counter.Add(_count);
            _count = 0;
        }
    }
}

/// <summary>The records counted by all writers of a <see cref="CountingSink{T}"/>; thread-safe.</summary>
internal sealed class RecordCounter
{
    private long _total;

    /// <summary>The total so far (complete once the job has ended).</summary>
    public long Total => Interlocked.Read(ref _total);

    public void Add(long count) => Interlocked.Add(ref _total, count);
}

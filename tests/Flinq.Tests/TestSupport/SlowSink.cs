using System.Collections.Concurrent;
using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Tests.TestSupport;

/// <summary>A sink that collects records and sleeps every <c>sleepEvery</c> records: a slow consumer.</summary>
internal sealed class SlowSink<T>(int sleepEvery, TimeSpan sleep) : Sink<T>
{
    private readonly ConcurrentQueue<T> _records = new();

    public IReadOnlyCollection<T> Records => _records;

    public int Count => _records.Count;

    public override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(this, sleepEvery, sleep);

    private sealed class Writer(SlowSink<T> sink, int sleepEvery, TimeSpan sleep) : SinkWriter<T>
    {
        private long _written;

        public override void Write(T value, Timestamp timestamp)
        {
            sink._records.Enqueue(value);
            if (++_written % sleepEvery == 0)
            {
                Thread.Sleep(sleep);
            }
        }
    }
}

/// <summary>A sink whose writer throws a given exception on the n-th record.</summary>
internal sealed class ThrowingSink<T>(int failAt, Exception error) : Sink<T>
{
    public override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(failAt, error);

    private sealed class Writer(int failAt, Exception error) : SinkWriter<T>
    {
        private int _written;

        public override void Write(T value, Timestamp timestamp)
        {
            if (++_written == failAt)
            {
                throw error;
            }
        }
    }
}

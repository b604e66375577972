using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Examples.Common;

/// <summary>Counts records and drops them (benchmarks). Thread-safe across parallel instances.</summary>
public sealed class CountingSink<T> : Sink<T>
{
    private long _count;

    /// <summary>The records written so far, over all instances.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc />
    public override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(this);

    private sealed class Writer(CountingSink<T> sink) : SinkWriter<T>
    {
        private long _local;

        public override void Write(T value, Timestamp timestamp) => _local++;

        public override void Flush(bool endOfInput)
        {
            Interlocked.Add(ref sink._count, _local);
            _local = 0;
        }
    }
}

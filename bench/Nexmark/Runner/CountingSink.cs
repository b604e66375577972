using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Nexmark.Runner;

/// <summary>A black-hole sink (as Flink's Nexmark runs use): counts the results and drops them.</summary>
internal sealed class CountingSink<T>(ResultCounter counter) : Sink<T>
{
    public override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(counter);

    private sealed class Writer(ResultCounter counter) : SinkWriter<T>
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

/// <summary>The number of results the sinks saw.</summary>
internal sealed class ResultCounter : Queries.IQueryOutput
{
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(long count) => Interlocked.Add(ref _total, count);

    public void Attach<T>(DataStream<T> results) => results.SinkTo(new CountingSink<T>(this), "Black hole");
}

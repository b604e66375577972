using Flinq.Time;

namespace Flinq.Connectors.Sinks;

/// <summary>
/// Collects every record in memory, with its timestamp and the instance that received it: for tests and
/// small jobs. Thread-safe; read it after the job ends, or while it runs for a snapshot.
/// </summary>
public sealed class CollectSink<T> : Sink<T>
{
    private readonly List<CollectedRecord<T>> _records = new();
    private readonly object _lock = new();

    /// <summary>The records collected so far, in arrival order per instance.</summary>
    public IReadOnlyList<CollectedRecord<T>> Records
    {
        get
        {
            lock (_lock)
            {
                return _records.ToArray();
            }
        }
    }

    /// <summary>The values collected so far.</summary>
    public IReadOnlyList<T> Values
    {
        get
        {
            lock (_lock)
            {
                return _records.Select(r => r.Value).ToArray();
            }
        }
    }

    /// <summary>The number of records collected so far.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    public override SinkWriter<T> CreateWriter(SinkContext context) => new Writer(this, context.SubtaskIndex);

    private sealed class Writer(CollectSink<T> sink, int subtask) : SinkWriter<T>
    {
        public override void Write(T value, Timestamp timestamp)
        {
            lock (sink._lock)
            {
                sink._records.Add(new CollectedRecord<T>(value, timestamp, subtask));
            }
        }
    }
}

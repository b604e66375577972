using Flinq.Functions;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>The collector handed to user functions: emits with the timestamp of the record being processed.</summary>
internal sealed class TimestampedCollector<T> : ICollector<T>
{
    private readonly Input<T> _output;

    public TimestampedCollector(Input<T> output) => _output = output;

    public Timestamp Timestamp { get; set; } = Timestamp.None;

    public void Collect(T value) => _output.ProcessElement(value, Timestamp);
}

using Flinq.Operators;
using Flinq.Time;

namespace Flinq.Tests.Support;

/// <summary>An operator output that records everything it receives, in order, for single-threaded operator tests.</summary>
internal sealed class RecordingInput<T> : Input<T>
{
    public List<object> Events { get; } = new();

    public IEnumerable<(T Value, Timestamp Timestamp)> Records => Events.OfType<(T, Timestamp)>();

    public IEnumerable<T> Values => Records.Select(r => r.Value);

    public IEnumerable<long> Watermarks => Events.OfType<Watermark>().Select(w => w.Milliseconds);

    public IEnumerable<bool> Statuses => Events.OfType<StatusEvent>().Select(s => s.Idle);

    public long? LastWatermark => Events.OfType<Watermark>().Select(w => (long?)w.Milliseconds).LastOrDefault();

    public override void ProcessElement(T value, Timestamp timestamp) => Events.Add((value, timestamp));

    public override void ProcessWatermark(Watermark watermark) => Events.Add(watermark);

    public override void ProcessWatermarkStatus(bool idle) => Events.Add(new StatusEvent(idle));

    public readonly record struct StatusEvent(bool Idle);
}

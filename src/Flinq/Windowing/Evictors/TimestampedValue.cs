using Flinq.Time;

namespace Flinq.Windowing.Evictors;

/// <summary>An element in a window's contents with its timestamp, as evictors see it (Flink's <c>TimestampedValue</c>).</summary>
/// <param name="Value">The element.</param>
/// <param name="Timestamp">Its event-time timestamp, or <see cref="Time.Timestamp.None"/> if it has none.</param>
public readonly record struct TimestampedValue<T>(T Value, Timestamp Timestamp);

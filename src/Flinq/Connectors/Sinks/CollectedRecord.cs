using Flinq.Time;

namespace Flinq.Connectors.Sinks;

/// <summary>A record received by a <see cref="CollectSink{T}"/>.</summary>
/// <param name="Value">The record.</param>
/// <param name="Timestamp">Its event-time timestamp, or <see cref="Timestamp.None"/>.</param>
/// <param name="Subtask">The sink instance that received it.</param>
public readonly record struct CollectedRecord<T>(T Value, Timestamp Timestamp, int Subtask);

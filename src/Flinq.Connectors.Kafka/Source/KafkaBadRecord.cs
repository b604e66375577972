namespace Flinq.Connectors.Kafka.Source;

/// <summary>A Kafka record the source's deserializer rejected, routed to the bad-record side output.</summary>
/// <param name="Topic">The record's topic.</param>
/// <param name="Partition">The record's partition.</param>
/// <param name="Offset">The record's offset.</param>
/// <param name="TimestampMs">The record's Kafka timestamp in epoch milliseconds, or null if it has none.</param>
/// <param name="Key">The raw key (null if none).</param>
/// <param name="Value">The raw value (null for a tombstone).</param>
/// <param name="Error">Why the deserializer rejected it.</param>
public sealed record KafkaBadRecord(string Topic, int Partition, long Offset, long? TimestampMs, byte[]? Key, byte[]? Value, string Error);

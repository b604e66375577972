namespace Flinq.Server.Ingest;

/// <summary>The Kafka record a <see cref="TelemetryBatch"/> was decoded from.</summary>
internal readonly record struct KafkaPosition(string Topic, int Partition, long Offset);

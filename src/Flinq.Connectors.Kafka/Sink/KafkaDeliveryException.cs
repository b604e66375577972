namespace Flinq.Connectors.Kafka.Sink;

/// <summary>Kafka did not acknowledge records the sink wrote (at-least-once delivery cannot be kept).</summary>
public sealed class KafkaDeliveryException : Exception
{
    /// <summary>Describes <paramref name="failed"/> failed deliveries, the first of which failed with <paramref name="firstError"/>.</summary>
    public KafkaDeliveryException(long failed, string firstError)
        : base($"{failed} record(s) could not be delivered to Kafka; the first failure: {firstError}")
    {
        Failed = failed;
        FirstError = firstError;
    }

    /// <summary>How many deliveries had failed when this was thrown.</summary>
    public long Failed { get; }

    /// <summary>The first failure: the record's topic and partition, and Kafka's reason.</summary>
    public string FirstError { get; }
}

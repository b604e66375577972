namespace Flinq.Server.Configuration;

/// <summary>Where Kafka ingest starts on a partition for which the database holds no position yet.</summary>
public enum KafkaStartPosition
{
    /// <summary><c>committed</c> (default): the consumer group's committed offset, else the earliest record.</summary>
    Committed,

    /// <summary><c>earliest</c>: the first record still in the partition.</summary>
    Earliest,

    /// <summary><c>latest</c>: only records produced after the server took the partition.</summary>
    Latest,
}

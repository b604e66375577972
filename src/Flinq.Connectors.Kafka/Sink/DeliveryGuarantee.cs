namespace Flinq.Connectors.Kafka.Sink;

/// <summary>What a <see cref="KafkaSink{T}"/> promises about records reaching Kafka (Flink's <c>DeliveryGuarantee</c>).</summary>
public enum DeliveryGuarantee
{
    /// <summary>
    /// Fire and forget: failed deliveries are counted in <see cref="KafkaSinkMetrics"/> but do not fail the job.
    /// The end of input still waits for outstanding deliveries.
    /// </summary>
    None,

    /// <summary>
    /// Every record is acknowledged by Kafka or the job fails: a failed delivery fails the next write or flush,
    /// and the end of input waits for every acknowledgement. A restarted job may write some records twice.
    /// </summary>
    AtLeastOnce,

    /// <summary>
    /// Records committed in Kafka transactions, one per checkpoint, visible to read_committed consumers only after
    /// the checkpoint completes. Needs checkpointing, <see cref="KafkaSinkBuilder{T}.SetTransactionalIdPrefix"/> and
    /// <see cref="KafkaSinkBuilder{T}.SetTransactionMarkerTopic"/>; each transaction's records are also kept in the
    /// checkpoint until it commits, so that recovery can write them again if the failure aborted it.
    /// </summary>
    ExactlyOnce,
}

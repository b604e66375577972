namespace Flinq.Server.Configuration;

/// <summary>How the value of each Kafka record of a topic is encoded (one record = one payload, like one HTTP body).</summary>
public enum KafkaPayloadFormat
{
    /// <summary><c>json</c>: JSON lines in the seed's shapes (metric events <c>{name,timestamp,fields,tags}</c>, log events <c>{timestamp,level,message,tags}</c>); one or more lines per record.</summary>
    JsonLines,

    /// <summary><c>influx</c>: Influx line protocol, one or more lines per record, with the topic's precision (default ns).</summary>
    Influx,

    /// <summary><c>otlp</c>: an OTLP <c>Export{Metrics,Logs,Trace}ServiceRequest</c> in protobuf, as the OpenTelemetry Collector's Kafka exporter writes (<c>otlp_proto</c>).</summary>
    OtlpProtobuf,

    /// <summary><c>otlp-json</c>: the same request in OTLP/JSON (the collector's <c>otlp_json</c>).</summary>
    OtlpJson,

    /// <summary><c>remote-write</c>: a Prometheus remote_write <c>WriteRequest</c>, snappy block-compressed, as on HTTP.</summary>
    RemoteWrite,
}

namespace Flinq.Server.Storage;

/// <summary>The DuckDB tables (see <see cref="TelemetryStore"/>).</summary>
internal static class Schema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS series (id BIGINT, name VARCHAR, labels VARCHAR, kind INTEGER);
        CREATE TABLE IF NOT EXISTS samples (series_id BIGINT, ts BIGINT, value DOUBLE);
        CREATE TABLE IF NOT EXISTS samples_1m (series_id BIGINT, minute BIGINT, count BIGINT, sum DOUBLE, min DOUBLE, max DOUBLE, last DOUBLE, first DOUBLE);
        CREATE TABLE IF NOT EXISTS logs (ts BIGINT, observed_ts BIGINT, severity INTEGER, severity_text VARCHAR, body VARCHAR,
          service VARCHAR, host VARCHAR, trace_id VARCHAR, span_id VARCHAR, attributes VARCHAR);
        CREATE TABLE IF NOT EXISTS spans (trace_id VARCHAR, span_id VARCHAR, parent_span_id VARCHAR, name VARCHAR, service VARCHAR,
          kind INTEGER, start_ns BIGINT, duration_ns BIGINT, status INTEGER, status_message VARCHAR, attributes VARCHAR, events VARCHAR);
        CREATE TABLE IF NOT EXISTS kafka_offsets (topic VARCHAR, kafka_partition INTEGER, next_offset BIGINT, PRIMARY KEY (topic, kafka_partition));
        """;
}

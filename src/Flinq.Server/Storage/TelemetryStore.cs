using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Flinq.Monitor.Telemetry;
using Flinq.Server.Ingest;

namespace Flinq.Server.Storage;

/// <summary>
/// The embedded DuckDB database under the data directory: one writer (the storage job's sink) appends
/// batches in one transaction each; readers open their own connections. Tables: <c>series</c> (id, name,
/// labels as JSON), <c>samples</c> (series id, ms timestamp, value), <c>samples_1m</c> (1-minute rollups),
/// <c>logs</c>, <c>spans</c>. Timestamps are epoch milliseconds, span start and duration nanoseconds.
/// </summary>
internal sealed class TelemetryStore : IDisposable
{
    private readonly DuckDBConnection _writer;
    private readonly HashSet<long> _knownSeries = [];
    private readonly Dictionary<(long SeriesId, long Minute), PartialRollup> _partials = [];
    private readonly HashSet<long> _dirtyMinutes = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private long _lastRetentionRun;

    public TelemetryStore(string dataDirectory, TimeSpan retention, TimeProvider time)
    {
        Directory.CreateDirectory(dataDirectory);
        DatabasePath = Path.Combine(dataDirectory, "telemetry.duckdb");
        ConnectionString = "Data Source=" + DatabasePath;
        _retention = retention;
        _time = time;
        _writer = new DuckDBConnection(ConnectionString);
        _writer.Open();
        Execute(Schema.Create);
        using var cmd = _writer.CreateCommand();
        cmd.CommandText = "SELECT id FROM series";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            _knownSeries.Add(reader.GetInt64(0));
        }

        _lastRetentionRun = _time.GetTimestamp();
    }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    /// <summary>Opens a read connection (the caller disposes it).</summary>
    public DuckDBConnection OpenReader()
    {
        var connection = new DuckDBConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Writes the batches in one transaction and commits it (DuckDB's own WAL makes the commit durable).</summary>
    public void Write(IReadOnlyList<TelemetryBatch> batches)
    {
        using var transaction = _writer.BeginTransaction();
        var newSeries = new List<MetricPoint>();
        _partials.Clear();
        using (var samples = _writer.CreateAppender("samples"))
        {
            // Consecutive points of one series (a decoded request holds a series' samples together, with one shared
            // Labels instance) reuse its id and known-ness, and consecutive points of one series and minute add to
            // the rollup entry found for the first of them: per sample, the loop only appends and adds. The ref stays
            // valid because the dictionary only grows (and may move its entries) when a new key is looked up.
            string? lastName = null;
            Labels? lastLabels = null;
            long id = 0;
            long rollupId = 0, rollupMinute = 0;
            bool rollupStarted = false, haveRollup = false;
            var none = default(PartialRollup);
            ref PartialRollup rollup = ref none;
            foreach (var batch in batches)
            {
                foreach (var point in batch.Metrics)
                {
                    if (!ReferenceEquals(point.Labels, lastLabels) || !ReferenceEquals(point.Name, lastName))
                    {
                        lastName = point.Name;
                        lastLabels = point.Labels;
                        id = unchecked((long)point.SeriesFingerprint);
                        if (_knownSeries.Add(id))
                        {
                            newSeries.Add(point);
                        }
                    }

                    long ts = point.Timestamp.Milliseconds;
                    samples.CreateRow().AppendValue(id).AppendValue(ts).AppendValue(point.Value).EndRow();
                    long minute = Math.DivRem(ts, 60_000, out long rem) - (rem < 0 ? 1 : 0);
                    if (!haveRollup || rollupId != id || rollupMinute != minute)
                    {
                        haveRollup = true;
                        rollup = ref CollectionsMarshal.GetValueRefOrAddDefault(_partials, (id, minute), out rollupStarted);
                        rollupId = id;
                        rollupMinute = minute;
                    }

                    rollup.Add(ts, point.Value, rollupStarted);
                    rollupStarted = true;
                }
            }
        }

        if (newSeries.Count > 0)
        {
            using var series = _writer.CreateAppender("series");
            foreach (var point in newSeries)
            {
                series.CreateRow().AppendValue(unchecked((long)point.SeriesFingerprint)).AppendValue(point.Name)
                    .AppendValue(LabelsJson(point.Labels)).AppendValue((int)point.Kind).EndRow();
            }
        }

        WriteLogs(batches);
        WriteSpans(batches);
        WriteKafkaOffsets(batches);
        WritePartialRollups();
        transaction.Commit();
        foreach (var (key, _) in _partials)
        {
            _dirtyMinutes.Add(key.Minute);
        }

        if (_time.GetElapsedTime(_lastRetentionRun) >= TimeSpan.FromMinutes(1))
        {
            CompactRollups();
            ApplyRetention();
        }
    }

    /// <summary>
    /// Appends one <c>samples_1m</c> row per series and minute of this commit, aggregated from the commit's samples
    /// only: the cost of a commit does not grow with what is stored. A minute written by several commits has several
    /// partial rows until <see cref="CompactRollups"/> merges them; queries aggregate over rows (sum of sums and
    /// counts, min of mins, max of maxes), so partial rows answer the same.
    /// </summary>
    private void WritePartialRollups()
    {
        if (_partials.Count == 0)
        {
            return;
        }

        using var rollups = _writer.CreateAppender("samples_1m");
        foreach (var ((id, minute), p) in _partials)
        {
            rollups.CreateRow().AppendValue(id).AppendValue(minute).AppendValue(p.Count).AppendValue(p.Sum).AppendValue(p.Min)
                .AppendValue(p.Max).AppendValue(p.Last).AppendValue(p.First).EndRow();
        }
    }

    /// <summary>
    /// Recomputes, from the raw samples, the minutes written since the last compaction (at most once a minute,
    /// after a commit), so each series has one rollup row per minute again. The scan is limited to the time range
    /// of those minutes, which DuckDB's zone maps prune to the row groups that hold it.
    /// </summary>
    public void CompactRollups()
    {
        if (_dirtyMinutes.Count == 0)
        {
            return;
        }

        long from = _dirtyMinutes.Min(), to = _dirtyMinutes.Max() + 1;
        var list = string.Join(',', _dirtyMinutes.Select(m => m.ToString(CultureInfo.InvariantCulture)));
        _dirtyMinutes.Clear();
        using var transaction = _writer.BeginTransaction();
        Execute(string.Format(CultureInfo.InvariantCulture, """
            DELETE FROM samples_1m WHERE minute IN ({0});
            INSERT INTO samples_1m
              SELECT series_id, floor(ts / 60000)::BIGINT AS minute, count(*), sum(value), min(value), max(value), arg_max(value, ts), arg_min(value, ts)
              FROM samples WHERE ts >= {1} AND ts < {2} AND floor(ts / 60000)::BIGINT IN ({0}) GROUP BY ALL;
            """, list, from * 60_000, to * 60_000));
        transaction.Commit();
    }

    /// <summary>Deletes everything older than the retention (samples, rollups, logs, spans).</summary>
    public void ApplyRetention()
    {
        _lastRetentionRun = _time.GetTimestamp();
        long cutoff = _time.GetUtcNow().ToUnixTimeMilliseconds() - (long)_retention.TotalMilliseconds;
        Execute(string.Format(CultureInfo.InvariantCulture,
            "DELETE FROM samples WHERE ts < {0}; DELETE FROM samples_1m WHERE minute < {0} // 60000; DELETE FROM logs WHERE ts < {0}; DELETE FROM spans WHERE start_ns < {0} * 1000000;",
            cutoff));
    }

    /// <summary>
    /// The next offset to read per Kafka partition, as committed together with the data read from it
    /// (<c>kafka_offsets</c>): where Kafka ingest resumes, and below which a re-read record is a duplicate.
    /// </summary>
    public Dictionary<(string Topic, int Partition), long> ReadKafkaOffsets()
    {
        var offsets = new Dictionary<(string, int), long>();
        using var cmd = _writer.CreateCommand();
        cmd.CommandText = "SELECT topic, kafka_partition, next_offset FROM kafka_offsets";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            offsets[(reader.GetString(0), reader.GetInt32(1))] = reader.GetInt64(2);
        }

        return offsets;
    }

    private void WriteKafkaOffsets(IReadOnlyList<TelemetryBatch> batches)
    {
        Dictionary<(string, int), long>? next = null;
        foreach (var batch in batches)
        {
            if (batch.Kafka is { } position)
            {
                next ??= [];
                var key = (position.Topic, position.Partition);
                next[key] = Math.Max(next.GetValueOrDefault(key), position.Offset + 1);
            }
        }

        if (next is null)
        {
            return;
        }

        using var cmd = _writer.CreateCommand();
        cmd.CommandText = "INSERT OR REPLACE INTO kafka_offsets VALUES ($topic, $partition, $next)";
        var topic = new DuckDBParameter("topic", string.Empty);
        var partition = new DuckDBParameter("partition", 0);
        var offset = new DuckDBParameter("next", 0L);
        cmd.Parameters.Add(topic);
        cmd.Parameters.Add(partition);
        cmd.Parameters.Add(offset);
        foreach (var ((t, p), n) in next)
        {
            topic.Value = t;
            partition.Value = p;
            offset.Value = n;
            cmd.ExecuteNonQuery();
        }
    }

    private void WriteLogs(IReadOnlyList<TelemetryBatch> batches)
    {
        if (!batches.Any(b => b.Logs.Count > 0))
        {
            return;
        }

        using var logs = _writer.CreateAppender("logs");
        foreach (var batch in batches)
        {
            foreach (var log in batch.Logs)
            {
                logs.CreateRow().AppendValue(log.Timestamp.Milliseconds)
                    .AppendValue(log.ObservedTimestamp.HasValue ? log.ObservedTimestamp.Milliseconds : (long?)null)
                    .AppendValue(log.SeverityNumber).AppendValue(log.SeverityText).AppendValue(log.Body)
                    .AppendValue(log.Service).AppendValue(log.Host).AppendValue(log.TraceId.ToString()).AppendValue(log.SpanId.ToString())
                    .AppendValue(LabelsJson(log.Attributes)).EndRow();
            }
        }
    }

    private void WriteSpans(IReadOnlyList<TelemetryBatch> batches)
    {
        if (!batches.Any(b => b.Spans.Count > 0))
        {
            return;
        }

        using var spans = _writer.CreateAppender("spans");
        foreach (var batch in batches)
        {
            foreach (var span in batch.Spans)
            {
                spans.CreateRow().AppendValue(span.TraceId.ToString()).AppendValue(span.SpanId.ToString()).AppendValue(span.ParentSpanId.ToString())
                    .AppendValue(span.Name).AppendValue(span.Service).AppendValue((int)span.Kind).AppendValue(span.StartUnixNanos)
                    .AppendValue(span.Duration.Ticks * 100).AppendValue((int)span.StatusCode).AppendValue(span.StatusMessage)
                    .AppendValue(LabelsJson(span.Attributes)).AppendValue(EventsJson(span.Events)).EndRow();
            }
        }
    }

    internal static string LabelsJson(Labels labels)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var label in labels)
            {
                json.WriteString(label.Name, label.Value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string EventsJson(IReadOnlyList<SpanEvent> events)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteString("name", e.Name);
                json.WriteNumber("timeUnixNano", e.TimeUnixNanos);
                json.WriteStartObject("attributes");
                foreach (var label in e.Attributes)
                {
                    json.WriteString(label.Name, label.Value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private void Execute(string sql)
    {
        using var cmd = _writer.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        CompactRollups();
        _writer.Dispose();
    }
}

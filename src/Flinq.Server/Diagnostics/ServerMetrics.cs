using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Flinq.Server.Diagnostics;

/// <summary>
/// The server's own metrics, rendered in the Prometheus text exposition format (version 0.0.4) at
/// <c>/metrics</c>. Counters are lock-free; labelled counters live in a concurrent dictionary keyed by
/// their label values (a handful of endpoints and status codes).
/// </summary>
internal sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<(string Endpoint, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<(string Signal, string Outcome), long> _items = new();
    private readonly ConcurrentDictionary<(string Topic, string Outcome), long> _kafkaRecords = new();
    private long _commits;
    private long _commitFailures;
    private long _committedItems;
    private long _commitMicros;
    private readonly Func<long> _queuedItems;
    private readonly long _queueCapacity;

    public ServerMetrics(Func<long> queuedItems, long queueCapacity)
    {
        _queuedItems = queuedItems;
        _queueCapacity = queueCapacity;
    }

    public void Request(string endpoint, int status) => _requests.AddOrUpdate((endpoint, status), 1, static (_, v) => v + 1);

    public void Items(string signal, string outcome, long count)
    {
        if (count > 0)
        {
            _items.AddOrUpdate((signal, outcome), count, (_, v) => v + count);
        }
    }

    /// <summary>Kafka records by topic and outcome: <c>stored</c>, <c>bad</c> (skipped), <c>partly_rejected</c>, <c>duplicate</c> (already stored).</summary>
    public void KafkaRecords(string topic, string outcome, long count) =>
        _kafkaRecords.AddOrUpdate((topic, outcome), static (_, n) => n, static (_, v, n) => v + n, count);

    /// <summary>The Kafka source's total lag in records (null before the first fetch), when Kafka ingest is on.</summary>
    public Func<long?>? KafkaLag { get; set; }

    public void StorageCommitted(long items, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _committedItems, items);
        Interlocked.Add(ref _commitMicros, (long)(elapsed.TotalMilliseconds * 1000));
    }

    public void StorageCommitFailed() => Interlocked.Increment(ref _commitFailures);

    /// <summary>Items counted so far for <paramref name="signal"/> and <paramref name="outcome"/> (0 when none).</summary>
    public long ItemsTotal(string signal, string outcome) => _items.TryGetValue((signal, outcome), out long v) ? v : 0;

    /// <summary>Items waiting in the ingest queue now.</summary>
    public long QueuedItems => _queuedItems();

    /// <summary>Capacity of the ingest queue in items.</summary>
    public long QueueCapacity => _queueCapacity;

    /// <summary>Storage transactions committed so far.</summary>
    public long StorageCommits => Interlocked.Read(ref _commits);

    /// <summary>Storage transactions failed so far.</summary>
    public long StorageCommitFailures => Interlocked.Read(ref _commitFailures);

    public string Render()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.Append("# HELP flinq_http_requests_total Ingest and query requests by endpoint and status code.\n# TYPE flinq_http_requests_total counter\n");
        foreach (var ((endpoint, status), v) in _requests.OrderBy(e => e.Key))
        {
            sb.Append(c, $"flinq_http_requests_total{{endpoint=\"{endpoint}\",code=\"{status}\"}} {v}\n");
        }

        sb.Append("# HELP flinq_ingest_items_total Telemetry items (points, samples, lines, records, spans) by signal and outcome.\n# TYPE flinq_ingest_items_total counter\n");
        foreach (var ((signal, outcome), v) in _items.OrderBy(e => e.Key))
        {
            sb.Append(c, $"flinq_ingest_items_total{{signal=\"{signal}\",outcome=\"{outcome}\"}} {v}\n");
        }

        sb.Append(c, $"# HELP flinq_ingest_queue_items Items waiting in the ingest queue.\n# TYPE flinq_ingest_queue_items gauge\nflinq_ingest_queue_items {_queuedItems()}\n");
        sb.Append(c, $"# HELP flinq_ingest_queue_capacity_items Capacity of the ingest queue.\n# TYPE flinq_ingest_queue_capacity_items gauge\nflinq_ingest_queue_capacity_items {_queueCapacity}\n");
        sb.Append(c, $"# HELP flinq_storage_commits_total Storage transactions committed.\n# TYPE flinq_storage_commits_total counter\nflinq_storage_commits_total {Interlocked.Read(ref _commits)}\n");
        sb.Append(c, $"# HELP flinq_storage_commit_failures_total Storage transactions that failed.\n# TYPE flinq_storage_commit_failures_total counter\nflinq_storage_commit_failures_total {Interlocked.Read(ref _commitFailures)}\n");
        sb.Append(c, $"# HELP flinq_storage_items_total Items committed to storage.\n# TYPE flinq_storage_items_total counter\nflinq_storage_items_total {Interlocked.Read(ref _committedItems)}\n");
        sb.Append(c, $"# HELP flinq_storage_commit_seconds_total Time spent in storage transactions.\n# TYPE flinq_storage_commit_seconds_total counter\nflinq_storage_commit_seconds_total {(Interlocked.Read(ref _commitMicros) / 1e6).ToString("R", c)}\n");
        if (KafkaLag is { } lag)
        {
            sb.Append("# HELP flinq_kafka_records_total Kafka records by topic and outcome (stored, bad, partly_rejected, duplicate).\n# TYPE flinq_kafka_records_total counter\n");
            foreach (var ((topic, outcome), v) in _kafkaRecords.OrderBy(e => e.Key))
            {
                sb.Append(c, $"flinq_kafka_records_total{{topic=\"{topic.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\",outcome=\"{outcome}\"}} {v}\n");
            }

            sb.Append(c, $"# HELP flinq_kafka_lag_records Records in the Kafka topics not read yet.\n# TYPE flinq_kafka_lag_records gauge\nflinq_kafka_lag_records {lag() ?? 0}\n");
        }

        return sb.ToString();
    }
}

using System.Text.Json;
using Flinq.Server.Diagnostics;

namespace Flinq.Server.Live;

/// <summary>
/// Builds the big screen's snapshot once a second (<see cref="RunAsync"/>) from the server's ingest counters
/// (<see cref="ServerMetrics"/>) and the <see cref="LiveAggregate"/>, and hands the latest one to every
/// <c>GET /api/v1/live</c> stream. Rates are taken over the last <see cref="RateWindowSeconds"/> seconds of
/// cumulative counters kept in a ring, so a snapshot never depends on how many clients are connected.
/// Thread-safe: one writer (the loop), any number of readers.
/// </summary>
internal sealed class LiveFeed
{
    /// <summary>The window of the rates in a snapshot.</summary>
    public const int RateWindowSeconds = 10;

    /// <summary>A host is "up" while metrics or logs named it within this time.</summary>
    public static readonly TimeSpan HostDownAfter = TimeSpan.FromSeconds(30);

    private static readonly string[] s_metricSignals = ["metrics", "samples", "lines"];

    private readonly ServerMetrics _metrics;
    private readonly LiveAggregate _aggregate;
    private readonly TimeProvider _time;
    private readonly Totals[] _ring = new Totals[RateWindowSeconds + 1];
    private readonly Dictionary<string, ServiceRing> _serviceHistory = new(StringComparer.Ordinal);
    private int _ringCount;
    private int _ringNext;
    private Snapshot _current = new(0, "{}"u8.ToArray());
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LiveFeed(ServerMetrics metrics, LiveAggregate aggregate, TimeProvider time)
    {
        _metrics = metrics;
        _aggregate = aggregate;
        _time = time;
        Publish();
    }

    /// <summary>The latest snapshot: a version (increments by one per publish) and its UTF-8 JSON.</summary>
    public Snapshot Current => Volatile.Read(ref _current);

    /// <summary>Completes when a snapshot newer than <paramref name="version"/> is published (at once if there is one).</summary>
    public Task WaitForNewerAsync(long version, CancellationToken cancellationToken)
    {
        var changed = Volatile.Read(ref _changed);
        return Current.Version > version ? Task.CompletedTask : changed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Publishes a snapshot every second until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Publish();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Builds and publishes one snapshot now.</summary>
    public void Publish()
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var totals = new Totals(now, Sum(s_metricSignals, "accepted"), _metrics.ItemsTotal("logs", "accepted"), _metrics.ItemsTotal("spans", "accepted"));
        var (hosts, services) = _aggregate.Read();
        var oldest = _ringCount == 0 ? totals : _ring[_ringCount < _ring.Length ? 0 : _ringNext];
        _ring[_ringNext] = totals;
        _ringNext = (_ringNext + 1) % _ring.Length;
        _ringCount = Math.Min(_ringCount + 1, _ring.Length);
        double seconds = Math.Max((now - oldest.Time) / 1000.0, 1e-3);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("time", now);
            json.WriteNumber("rateWindowSeconds", RateWindowSeconds);
            json.WriteStartObject("ingest");
            WriteSignal(json, "metrics", totals.Metrics, oldest.Metrics, seconds);
            WriteSignal(json, "logs", totals.Logs, oldest.Logs, seconds);
            WriteSignal(json, "spans", totals.Spans, oldest.Spans, seconds);
            json.WriteNumber("rejected", Sum(s_metricSignals, "rejected") + _metrics.ItemsTotal("logs", "rejected") + _metrics.ItemsTotal("spans", "rejected"));
            json.WriteNumber("throttled", Sum(s_metricSignals, "throttled") + _metrics.ItemsTotal("logs", "throttled") + _metrics.ItemsTotal("spans", "throttled"));
            json.WriteNumber("queued", _metrics.QueuedItems);
            json.WriteNumber("capacity", _metrics.QueueCapacity);
            json.WriteNumber("commits", _metrics.StorageCommits);
            json.WriteNumber("commitFailures", _metrics.StorageCommitFailures);
            json.WriteEndObject();

            json.WriteStartArray("hosts");
            foreach (var h in hosts)
            {
                json.WriteStartObject();
                json.WriteString("host", h.Host);
                json.WriteString("service", h.Service);
                json.WriteNumber("lastSeen", h.LastSeen);
                json.WriteBoolean("up", now - h.LastSeen <= (long)HostDownAfter.TotalMilliseconds);
                WriteNumberOrNull(json, "cpu", h.Cpu);
                WriteNumberOrNull(json, "mem", h.MemoryPercent);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("services");
            foreach (var s in services)
            {
                WriteService(json, s, now);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var previous = Volatile.Read(ref _changed);
        Volatile.Write(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _current, new Snapshot(_current.Version + 1, buffer.ToArray()));
        previous.TrySetResult();
    }

    private void WriteService(Utf8JsonWriter json, LiveAggregate.ServiceView s, long now)
    {
        if (!_serviceHistory.TryGetValue(s.Service, out var ring))
        {
            if (_serviceHistory.Count >= LiveAggregate.MaxEntries)
            {
                _serviceHistory.Clear(); // the aggregate dropped some; rates restart from zero history
            }

            _serviceHistory[s.Service] = ring = new ServiceRing(RateWindowSeconds + 1);
        }

        var old = ring.Push(new ServiceTotals(now, s.Logs, s.ErrorLogs, s.Spans, s.ErrorSpans));
        double seconds = Math.Max((now - old.Time) / 1000.0, 1e-3);
        long spans = s.Spans - old.Spans, errorSpans = s.ErrorSpans - old.ErrorSpans;
        long logs = s.Logs - old.Logs, errorLogs = s.ErrorLogs - old.ErrorLogs;
        json.WriteStartObject();
        json.WriteString("service", s.Service);
        json.WriteNumber("spanRate", Math.Round(spans / seconds, 2));
        json.WriteNumber("errorSpanRate", Math.Round(errorSpans / seconds, 2));
        json.WriteNumber("logRate", Math.Round(logs / seconds, 2));
        json.WriteNumber("errorLogRate", Math.Round(errorLogs / seconds, 2));

        // The share of failed spans in the window; services that send no spans: the share of error logs.
        long total = spans > 0 ? spans : logs;
        long errors = spans > 0 ? errorSpans : errorLogs;
        WriteNumberOrNull(json, "errorRate", total > 0 ? (double)errors / total : double.NaN);
        json.WriteEndObject();
    }

    private long Sum(string[] signals, string outcome)
    {
        long sum = 0;
        foreach (var signal in signals)
        {
            sum += _metrics.ItemsTotal(signal, outcome);
        }

        return sum;
    }

    private static void WriteSignal(Utf8JsonWriter json, string name, long total, long old, double seconds)
    {
        json.WriteStartObject(name);
        json.WriteNumber("total", total);
        json.WriteNumber("rate", Math.Round((total - old) / seconds, 2));
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>One published snapshot.</summary>
    public sealed record Snapshot(long Version, byte[] Json);

    private readonly record struct Totals(long Time, long Metrics, long Logs, long Spans);

    private readonly record struct ServiceTotals(long Time, long Logs, long ErrorLogs, long Spans, long ErrorSpans);

    /// <summary>The last few cumulative totals of one service; <see cref="Push"/> returns the oldest kept.</summary>
    private sealed class ServiceRing(int size)
    {
        private readonly ServiceTotals[] _items = new ServiceTotals[size];
        private int _count;
        private int _next;

        public ServiceTotals Push(ServiceTotals totals)
        {
            var oldest = _count == 0 ? totals : _items[_count < _items.Length ? 0 : _next];
            _items[_next] = totals;
            _next = (_next + 1) % _items.Length;
            _count = Math.Min(_count + 1, _items.Length);
            return oldest;
        }
    }
}

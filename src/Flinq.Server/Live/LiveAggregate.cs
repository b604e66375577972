using Flinq.Monitor.Telemetry;
using Flinq.Server.Ingest;

namespace Flinq.Server.Live;

/// <summary>
/// A small in-memory picture of the fleet for the big screen, fed by the storage sink after each commit:
/// per host the last time any metric or log named it and its latest CPU and memory use; per service
/// cumulative counts of logs, error logs, spans and error spans. Written by the storage job's thread and
/// read by <see cref="LiveFeed"/> once a second, under one lock taken once per committed group of batches
/// (not per record). Bounded: at most <see cref="MaxEntries"/> hosts and services each; the least recently
/// seen one is dropped to make room, so hostile label values cannot grow it without limit.
/// </summary>
internal sealed class LiveAggregate
{
    /// <summary>The most hosts (and, separately, services) kept.</summary>
    public const int MaxEntries = 2000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, HostState> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceCounts> _services = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    // The host the previous metric point's labels named (null: none), reused while points share one Labels instance
    // (a decoded request holds each series' samples together); reset for every batch.
    private Labels? _lastLabels;
    private HostState? _lastHost;

    public LiveAggregate(TimeProvider time) => _time = time;

    /// <summary>Folds one committed group of batches in.</summary>
    public void Observe(IReadOnlyList<TelemetryBatch> batches)
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            for (int b = 0; b < batches.Count; b++)
            {
                var batch = batches[b];
                _lastLabels = null; // the logs of the previous batch may have made room by dropping the cached host
                _lastHost = null;
                foreach (var point in batch.Metrics)
                {
                    ObserveMetric(point, now);
                }

                foreach (var log in batch.Logs)
                {
                    var counts = Service(log.Service, now);
                    counts.Logs++;
                    if (log.SeverityNumber >= 17)
                    {
                        counts.ErrorLogs++;
                    }

                    if (log.Host.Length > 0)
                    {
                        Host(log.Host, now).ServiceOrEmpty(log.Service);
                    }
                }

                foreach (var span in batch.Spans)
                {
                    var counts = Service(span.Service, now);
                    counts.Spans++;
                    if (span.StatusCode == SpanStatusCode.Error)
                    {
                        counts.ErrorSpans++;
                    }
                }
            }
        }
    }

    /// <summary>Copies the current state (for one snapshot).</summary>
    public (HostView[] Hosts, ServiceView[] Services) Read()
    {
        lock (_lock)
        {
            var hosts = new HostView[_hosts.Count];
            int i = 0;
            foreach (var (name, h) in _hosts)
            {
                hosts[i++] = new HostView(name, h.Service, h.LastSeen, h.Cpu, h.MemoryPercent);
            }

            var services = new ServiceView[_services.Count];
            i = 0;
            foreach (var (name, s) in _services)
            {
                services[i++] = new ServiceView(name, s.Logs, s.ErrorLogs, s.Spans, s.ErrorSpans);
            }

            Array.Sort(hosts, static (a, b) => string.CompareOrdinal(a.Host, b.Host));
            Array.Sort(services, static (a, b) => string.CompareOrdinal(a.Service, b.Service));
            return (hosts, services);
        }
    }

    private void ObserveMetric(in MetricPoint point, long now)
    {
        var labels = point.Labels;
        if (!ReferenceEquals(labels, _lastLabels))
        {
            // Another series: find its host (which sets LastSeen and may make room) and service. For the same labels
            // again nothing here would change, and no other host was added in between, so the state is still held.
            _lastLabels = labels;
            _lastHost = ObserveHost(labels, now);
        }

        var state = _lastHost;
        if (state is null)
        {
            return;
        }

        double v = point.Value;
        if (double.IsNaN(v))
        {
            return;
        }

        switch (point.Name)
        {
            case "node_cpu_usage_percent" or "cpu_usage_percent" or "host_cpu_usage_percent":
                state.Cpu = v;
                break;
            case "cpu_usage_idle" when labels.Get("cpu") is null or "cpu-total": // Telegraf's cpu input
                state.Cpu = 100 - v;
                break;
            case "mem_used_percent" or "node_memory_used_percent" or "memory_used_percent":
                state.MemoryPercent = v;
                break;
            case "node_memory_used_bytes":
                state.MemoryUsed = v;
                state.UpdateMemoryFromBytes();
                break;
            case "node_memory_MemAvailable_bytes":
                state.MemoryAvailable = v;
                state.UpdateMemoryFromBytes();
                break;
            case "node_memory_total_bytes" or "node_memory_MemTotal_bytes":
                state.MemoryTotal = v;
                state.UpdateMemoryFromBytes();
                break;
        }
    }

    private HostState? ObserveHost(Labels labels, long now)
    {
        if (!labels.TryGetValue("host", out var host) && !labels.TryGetValue("host.name", out host) && !labels.TryGetValue("instance", out host))
        {
            return null;
        }

        var state = Host(host, now);
        if (labels.TryGetValue("service", out var service) || labels.TryGetValue("service.name", out service) || labels.TryGetValue("job", out service))
        {
            state.ServiceOrEmpty(service);
        }

        return state;
    }

    private HostState Host(string name, long now)
    {
        if (!_hosts.TryGetValue(name, out var state))
        {
            MakeRoom(_hosts, static h => h.LastSeen);
            _hosts[name] = state = new HostState();
        }

        state.LastSeen = now;
        return state;
    }

    private ServiceCounts Service(string name, long now)
    {
        if (!_services.TryGetValue(name, out var counts))
        {
            MakeRoom(_services, static s => s.LastSeen);
            _services[name] = counts = new ServiceCounts();
        }

        counts.LastSeen = now;
        return counts;
    }

    private static void MakeRoom<T>(Dictionary<string, T> entries, Func<T, long> lastSeen)
    {
        if (entries.Count < MaxEntries)
        {
            return;
        }

        string? oldest = null;
        long oldestSeen = long.MaxValue;
        foreach (var (key, value) in entries)
        {
            if (lastSeen(value) < oldestSeen)
            {
                oldestSeen = lastSeen(value);
                oldest = key;
            }
        }

        entries.Remove(oldest!);
    }

    /// <summary>One host as the snapshot shows it; <c>Cpu</c> and <c>MemoryPercent</c> are NaN when unknown.</summary>
    public readonly record struct HostView(string Host, string Service, long LastSeen, double Cpu, double MemoryPercent);

    /// <summary>One service's cumulative counts.</summary>
    public readonly record struct ServiceView(string Service, long Logs, long ErrorLogs, long Spans, long ErrorSpans);

    private sealed class HostState
    {
        public long LastSeen;
        public string Service = string.Empty;
        public double Cpu = double.NaN;
        public double MemoryPercent = double.NaN;
        public double MemoryUsed = double.NaN;
        public double MemoryAvailable = double.NaN;
        public double MemoryTotal = double.NaN;

        public void ServiceOrEmpty(string service)
        {
            if (service.Length > 0 && Service.Length == 0)
            {
                Service = service;
            }
        }

        public void UpdateMemoryFromBytes()
        {
            if (MemoryTotal > 0)
            {
                double used = !double.IsNaN(MemoryUsed) ? MemoryUsed : MemoryTotal - MemoryAvailable;
                if (!double.IsNaN(used))
                {
                    MemoryPercent = 100 * used / MemoryTotal;
                }
            }
        }
    }

    private sealed class ServiceCounts
    {
        public long LastSeen;
        public long Logs;
        public long ErrorLogs;
        public long Spans;
        public long ErrorSpans;
    }
}

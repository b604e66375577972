using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Flinq.Server.Demo;

/// <summary>
/// The built-in workload of <c>flinq demo</c>: simulated hosts and services that send, once per tick,
/// metrics (Prometheus remote_write and Influx line protocol), logs (OTLP/JSON, with error bursts) and
/// traces (OTLP/JSON) through the server's real HTTP ingest endpoints. Incidents are injected in turn:
/// a payments outage (errors, slow spans, error logs), a CPU spike on api-2, a disk filling on db-1.
/// </summary>
public sealed class DemoWorkload
{
    private static readonly (string Host, string Service)[] s_hosts =
        [("web-1", "web"), ("web-2", "web"), ("api-1", "checkout"), ("api-2", "checkout"), ("pay-1", "payments"), ("db-1", "db")];

    private readonly HttpClient _client;
    private readonly Random _random;
    private readonly Dictionary<string, double> _requests = [];
    private readonly RemoteWriteEncoder _remoteWrite = new();
    private long _tick;
    private double _diskUsed = 40;

    /// <summary>Creates the workload sending to <paramref name="client"/>'s base address.</summary>
    public DemoWorkload(HttpClient client, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _random = new Random(seed);
    }

    /// <summary>The incident length and the period after which the next one starts.</summary>
    public TimeSpan IncidentEvery { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an incident lasts.</summary>
    public TimeSpan IncidentLength { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>The incident active at tick <paramref name="tick"/> (one tick per second), or null.</summary>
    public string? IncidentAt(long tick)
    {
        long period = (long)IncidentEvery.TotalSeconds;
        if (tick % period >= (long)IncidentLength.TotalSeconds)
        {
            return null;
        }

        return ((tick / period) % 4) switch { 0 => "payments-outage", 1 => "cpu-spike", 2 => "disk-filling", _ => "host-down" };
    }

    /// <summary>Sends one tick until cancelled, one per second.</summary>
    public async Task RunAsync(TimeProvider time, Action<string>? report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        string? last = null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            var incident = IncidentAt(_tick);
            if (incident != last)
            {
                report?.Invoke(incident is null ? "incident over" : "incident started: " + incident);
                last = incident;
            }

            try
            {
                await TickAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                report?.Invoke("workload: " + e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends one tick's telemetry for <paramref name="now"/>; throws when an endpoint refuses it.</summary>
    public async Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var incident = IncidentAt(_tick++);
        long ms = now.ToUnixTimeMilliseconds();
        await SendMetrics(ms, incident, cancellationToken).ConfigureAwait(false);
        await SendLogs(ms, incident, cancellationToken).ConfigureAwait(false);
        await SendTraces(ms, incident, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The alert rules the demo starts with (machine down, CPU/memory/disk high, error-log bursts), as a rule file.</summary>
    public static string DefaultRulesYaml
    {
        get
        {
            using var stream = typeof(DemoWorkload).Assembly.GetManifestResourceStream("demo-rules.yaml")
                ?? throw new InvalidOperationException("the demo rules are not embedded in Flinq.Server");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The host that stops sending anything during the "host-down" incident (the machine-down rule's case).</summary>
    public const string HostThatGoesDown = "web-2";

    private static bool IsDown(string host, string? incident) => incident == "host-down" && host == HostThatGoesDown;

    private async Task SendMetrics(long ms, string? incident, CancellationToken ct)
    {
        var influx = new StringBuilder();
        foreach (var (host, service) in s_hosts)
        {
            if (IsDown(host, incident))
            {
                continue;
            }

            double cpu = 15 + (_random.NextDouble() * 20) + (incident == "cpu-spike" && host == "api-2" ? 60 : 0);
            _remoteWrite.Add("node_cpu_usage_percent", [("host", host), ("service", service)], ms, Math.Min(cpu, 100));
            _remoteWrite.Add("node_memory_used_bytes", [("host", host), ("service", service)], ms, 2e9 + (_random.NextDouble() * 5e8));
            _remoteWrite.Add("node_memory_total_bytes", [("host", host), ("service", service)], ms, 4e9);
            foreach (var status in new[] { "200", "500" })
            {
                var key = host + status;
                bool failing = incident == "payments-outage" && service is "payments" or "checkout";
                double rate = status == "200" ? 50 + _random.Next(20) : failing ? 20 + _random.Next(10) : _random.Next(2) * 0.5;
                _requests[key] = _requests.GetValueOrDefault(key) + rate;
                _remoteWrite.Add("http_requests_total", [("host", host), ("service", service), ("status", status)], ms, _requests[key]);
            }

            double disk = host == "db-1" ? _diskUsed : 30 + (host.Length % 7);
            influx.Append(CultureInfo.InvariantCulture, $"disk,host={host},mount=/ used_percent={disk:0.00},free_bytes={(long)((100 - disk) * 1e8)}i {ms}\n");
        }

        _diskUsed = incident == "disk-filling" ? Math.Min(99, _diskUsed + 1.2) : Math.Max(40, _diskUsed - 0.5);
        await Post("api/v1/write", _remoteWrite.Build(), "application/x-protobuf", "snappy", ct).ConfigureAwait(false);
        await Post("write?precision=ms", Encoding.UTF8.GetBytes(influx.ToString()), "text/plain", null, ct).ConfigureAwait(false);
    }

    private async Task SendLogs(long ms, string? incident, CancellationToken ct)
    {
        var resources = new JsonArray();
        foreach (var group in s_hosts.GroupBy(h => h.Service))
        {
            foreach (var (host, service) in group)
            {
                if (IsDown(host, incident))
                {
                    continue;
                }

                var records = new JsonArray();
                records.Add(Log(ms, 9, "INFO", $"{service} handled {40 + _random.Next(30)} requests"));
                if (incident == "payments-outage" && service == "payments")
                {
                    for (int i = 0; i < 8; i++)
                    {
                        records.Add(Log(ms + i, 17, "ERROR", $"charge failed: upstream bank timeout after 3000 ms (order {_random.Next(100000)})"));
                    }
                }
                else if (incident == "disk-filling" && host == "db-1")
                {
                    records.Add(Log(ms, 13, "WARN", $"disk usage at {_diskUsed:0.0}% on /"));
                }
                else if (_random.Next(20) == 0)
                {
                    records.Add(Log(ms, 13, "WARN", "slow request: 900 ms"));
                }

                resources.Add(new JsonObject
                {
                    ["resource"] = Resource(service, host),
                    ["scopeLogs"] = new JsonArray(new JsonObject { ["logRecords"] = records }),
                });
            }
        }

        var body = new JsonObject { ["resourceLogs"] = resources };
        await Post("v1/logs", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", null, ct).ConfigureAwait(false);
    }

    private async Task SendTraces(long ms, string? incident, CancellationToken ct)
    {
        var byService = new Dictionary<string, JsonArray>();
        for (int t = 0; t < 3; t++)
        {
            var traceId = Hex(16);
            bool failing = incident == "payments-outage";
            long start = (ms * 1_000_000) + (t * 1_000_000L);
            var root = Hex(8);
            var checkout = Hex(8);
            var charge = Hex(8);
            long chargeMs = failing ? 2500 + _random.Next(800) : 40 + _random.Next(60);
            Add(byService, "web", SpanJson(traceId, root, string.Empty, "GET /checkout", 2, start, chargeMs + 30, failing));
            Add(byService, "checkout", SpanJson(traceId, checkout, root, "POST /orders", 2, start + 5_000_000, chargeMs + 20, failing));
            Add(byService, "payments", SpanJson(traceId, charge, checkout, "charge card", 3, start + 10_000_000, chargeMs, failing));
            Add(byService, "db", SpanJson(traceId, Hex(8), checkout, "INSERT orders", 3, start + 6_000_000, 3 + _random.Next(5), false));
        }

        var resources = new JsonArray();
        foreach (var (service, spans) in byService)
        {
            resources.Add(new JsonObject
            {
                ["resource"] = Resource(service, s_hosts.First(h => h.Service == service).Host),
                ["scopeSpans"] = new JsonArray(new JsonObject { ["spans"] = spans }),
            });
        }

        var body = new JsonObject { ["resourceSpans"] = resources };
        await Post("v1/traces", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", null, ct).ConfigureAwait(false);
    }

    private static void Add(Dictionary<string, JsonArray> byService, string service, JsonObject span)
    {
        if (!byService.TryGetValue(service, out var spans))
        {
            byService[service] = spans = [];
        }

        spans.Add(span);
    }

    private static JsonObject SpanJson(string traceId, string spanId, string parent, string name, int kind, long startNs, long durationMs, bool error) => new()
    {
        ["traceId"] = traceId,
        ["spanId"] = spanId,
        ["parentSpanId"] = parent,
        ["name"] = name,
        ["kind"] = kind,
        ["startTimeUnixNano"] = startNs.ToString(CultureInfo.InvariantCulture),
        ["endTimeUnixNano"] = (startNs + (durationMs * 1_000_000)).ToString(CultureInfo.InvariantCulture),
        ["status"] = error ? new JsonObject { ["code"] = 2, ["message"] = "upstream bank timeout" } : new JsonObject { ["code"] = 1 },
    };

    private static JsonObject Log(long ms, int severity, string text, string body) => new()
    {
        ["timeUnixNano"] = (ms * 1_000_000).ToString(CultureInfo.InvariantCulture),
        ["severityNumber"] = severity,
        ["severityText"] = text,
        ["body"] = new JsonObject { ["stringValue"] = body },
    };

    private static JsonObject Resource(string service, string host) => new()
    {
        ["attributes"] = new JsonArray(
            new JsonObject { ["key"] = "service.name", ["value"] = new JsonObject { ["stringValue"] = service } },
            new JsonObject { ["key"] = "host.name", ["value"] = new JsonObject { ["stringValue"] = host } }),
    };

    private string Hex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        _random.NextBytes(buffer);
        buffer[0] |= 1; // never all zero
        return Convert.ToHexStringLower(buffer);
    }

    private async Task Post(string path, byte[] body, string mediaType, string? encoding, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        using var response = await _client.PostAsync(path, content, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
        }
    }
}

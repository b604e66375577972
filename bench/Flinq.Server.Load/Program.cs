// Load generator: dotnet run -c Release --project bench/Flinq.Server.Load -- <base-url> <server-pid> remote_write|otlp_logs|load24h|query <seconds>
// Counts acknowledged items (2xx) and the server process CPU time from /proc/<pid>/stat. FLINQ_LOAD_WARMUP=N sends the
// load for N seconds first without measuring it.
using System.Diagnostics;
using System.Net.Http.Headers;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Google.Protobuf;

// usage: flbench <base-url> <pid> remote_write|otlp_logs|load24h|query seconds
var baseUrl = new Uri(args[0]);
int pid = int.Parse(args[1]);
var mode = args[2];
double seconds = double.Parse(args[3]);
using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

double Cpu()
{
    var f = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(f[11]) + long.Parse(f[12])) / 100.0; // utime+stime in clock ticks (100 Hz)
}

byte[] RemoteWriteBody(int client, int request, int seriesCount, int samplesPer, long t0, long stepMs)
{
    var wr = new WriteRequest();
    for (int s = 0; s < seriesCount; s++)
    {
        var ts = new TimeSeries();
        ts.Labels.Add(new Label { Name = "__name__", Value = "bench_metric" });
        ts.Labels.Add(new Label { Name = "client", Value = "c" + client });
        ts.Labels.Add(new Label { Name = "series", Value = "s" + s });
        for (int i = 0; i < samplesPer; i++)
        {
            ts.Samples.Add(new Sample { Timestamp = t0 + ((request * samplesPer) + i) * stepMs, Value = i });
        }

        wr.Timeseries.Add(ts);
    }

    return Snappier.Snappy.CompressToArray(wr.ToByteArray());
}

if (mode == "query")
{
    // Each query once to warm up, then 5 timed runs: min and median.
    foreach (var q in new[] { "agg=avg&step=300s", "agg=avg&step=5m&by=client", "agg=max&step=60s", "agg=p95&step=300s", "agg=rate&step=300s", "agg=rate&step=3600s", "agg=increase&step=3600s&by=client" })
    {
        var url = $"api/v1/query_range?metric=bench24&start={(now / 60000 * 60000 - 86_400_000) / 1000}&end={now / 60000 * 60000 / 1000}&{q}";
        var text = await client.GetStringAsync(url);
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            var t = Stopwatch.StartNew();
            await client.GetStringAsync(url);
            times.Add(t.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"query {q}: min {times[0]:0} ms, median {times[2]:0} ms ({text.Length} bytes) {text[..Math.Min(120, text.Length)]}");
    }

    return;
}

if (mode == "load24h")
{
    // 10,000 series x 24 h at 5-minute resolution (288 samples each) = 2,880,000 samples.
    long t0 = now / 60000 * 60000 - 86_400_000;
    double cpu0 = Cpu();
    var sw = Stopwatch.StartNew();
    var tasks = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
    {
        for (int b = c; b < 100; b += 4)
        {
            var wr = new WriteRequest();
            for (int s = b * 100; s < (b + 1) * 100; s++)
            {
                var ts = new TimeSeries();
                ts.Labels.Add(new Label { Name = "__name__", Value = "bench24" });
                ts.Labels.Add(new Label { Name = "client", Value = "c" + (s % 10) });
                ts.Labels.Add(new Label { Name = "series", Value = "s" + s });
                for (int i = 0; i < 288; i++)
                {
                    ts.Samples.Add(new Sample { Timestamp = t0 + i * 300_000L, Value = (s + i) % 100 });
                }

                wr.Timeseries.Add(ts);
            }

            var content = new ByteArrayContent(Snappier.Snappy.CompressToArray(wr.ToByteArray()));
            content.Headers.ContentEncoding.Add("snappy");
            using var r = await client.PostAsync("api/v1/write", content);
            if (!r.IsSuccessStatusCode) throw new Exception(await r.Content.ReadAsStringAsync());
        }
    })).ToArray();
    await Task.WhenAll(tasks);
    Console.WriteLine($"load24h: 2880000 samples in {sw.Elapsed.TotalSeconds:0.0} s, server CPU {Cpu() - cpu0:0.0} s");
    return;
}

{
    // The payloads are encoded before the clock starts (200 distinct requests per client, sent in turn), so the
    // load generator spends its CPU on HTTP only and every server receives byte-for-byte the same bodies.
    const int Pool = 200;
    var payloads = Enumerable.Range(0, 4).Select(c => Enumerable.Range(0, Pool).Select(r =>
    {
        if (mode == "remote_write")
        {
            return RemoteWriteBody(c, r, 100, 20, now - 3_600_000, 10);
        }

        var rl = new ResourceLogs { Resource = new Resource() };
        rl.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "svc" + c } });
        var sl = new ScopeLogs();
        for (int i = 0; i < 1000; i++)
        {
            sl.LogRecords.Add(new LogRecord { TimeUnixNano = (ulong)(now - 60_000 + i) * 1_000_000, SeverityNumber = SeverityNumber.Info, Body = new AnyValue { StringValue = $"request {r}/{i} handled in 12 ms" } });
        }

        rl.ScopeLogs.Add(sl);
        var req = new ExportLogsServiceRequest();
        req.ResourceLogs.Add(rl);
        return req.ToByteArray();
    }).ToArray()).ToArray();
    int itemsPerRequest = mode == "remote_write" ? 2000 : 1000;
    long acked = 0;
    long failed = 0;
    async Task Drive(int c, DateTime stop, bool counted)
    {
        for (int r = 0; DateTime.UtcNow < stop; r++)
        {
            var content = new ByteArrayContent(payloads[c][r % Pool]);
            if (mode == "remote_write")
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                content.Headers.ContentEncoding.Add("snappy");
                content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            }
            else
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            }

            using var resp = await client.PostAsync(mode == "remote_write" ? "api/v1/write" : "v1/logs", content);
            if (!counted) continue;
            if (resp.IsSuccessStatusCode) Interlocked.Add(ref acked, itemsPerRequest);
            else if (Interlocked.Increment(ref failed) <= 5) Console.WriteLine((int)resp.StatusCode + " " + await resp.Content.ReadAsStringAsync());
        }
    }

    // FLINQ_LOAD_WARMUP=N: send the same load for N seconds first, unmeasured (the JIT's tiering, caches), then measure.
    double warmup = double.Parse(Environment.GetEnvironmentVariable("FLINQ_LOAD_WARMUP") ?? "0");
    if (warmup > 0)
    {
        var warmStop = DateTime.UtcNow.AddSeconds(warmup);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(c => Task.Run(() => Drive(c, warmStop, counted: false))));
    }

    double cpuStart = Cpu();
    var sw = Stopwatch.StartNew();
    var stop = DateTime.UtcNow.AddSeconds(seconds);
    await Task.WhenAll(Enumerable.Range(0, 4).Select(c => Task.Run(() => Drive(c, stop, counted: true))));
    double cpu = Cpu() - cpuStart;
    Console.WriteLine($"{mode}: {acked} acked in {sw.Elapsed.TotalSeconds:0.0} s = {acked / sw.Elapsed.TotalSeconds:0} items/s; server CPU {cpu:0.00} s = {cpu / (acked / 1e6):0.00} CPU-s per million; {failed} failed requests" + (warmup > 0 ? $" (after {warmup:0} s warm-up)" : ""));
}

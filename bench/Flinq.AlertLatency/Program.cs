// Alert latency harness (issue 8): sample sent -> webhook received, for the flinq server or prometheus + alertmanager.
//   config --rules R --webhook URL --alertmanager HOST:PORT --out DIR [--slide 1s]
//       writes DIR/flinq-rules.yaml, DIR/prometheus.yml, DIR/prometheus-rules.yml, DIR/alertmanager.yml
//   run --write BASE_URL --webhook-port P --rules R --series N --seconds S [--first 12] [--crossings C] [--batch 5000] [--tail 10]
//       serves http://127.0.0.1:P/hook, streams one sample per series per second (timestamp = wall time of the tick) to
//       BASE_URL/api/v1/write; --crossings series (default 2 per rule) cross the threshold (50 -> 95, and stay there)
//       at seconds spread over --first .. S-20; prints p50/p99/max of (first webhook with the series firing - send of its first
//       crossing sample). Streaming continues until --seconds, then waits --tail s for late webhooks.
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;

var opts = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 1; i + 1 < args.Length; i += 2)
{
    opts[args[i].TrimStart('-')] = args[i + 1];
}

string Opt(string name, string dflt) => opts.TryGetValue(name, out var v) ? v : dflt;
int IntOpt(string name, int dflt) => int.Parse(Opt(name, dflt.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

if (args.Length == 0 || (args[0] != "config" && args[0] != "run"))
{
    Console.Error.WriteLine("usage: config --rules R --webhook URL --alertmanager HOST:PORT --out DIR | run --write URL --webhook-port P --rules R --series N --seconds S");
    return 2;
}

int rules = IntOpt("rules", 100);
if (args[0] == "config")
{
    var dir = Opt("out", ".");
    var slide = opts.TryGetValue("slide", out var sl) ? $"slide: {sl}, " : "";
    Directory.CreateDirectory(dir);
    var flinq = new StringBuilder("rules:\n");
    var prom = new StringBuilder("groups:\n");
    for (int r = 0; r < rules; r++)
    {
        flinq.Append(CultureInfo.InvariantCulture, $"  - name: lat_r{r}\n    kind: threshold\n    threshold: {{metric: 'bench_metric{{rule=\"r{r}\"}}', aggregation: max, window: 10s, {slide}group_by: [series], op: \">\", value: 90}}\n");
        prom.Append(CultureInfo.InvariantCulture, $"  - name: lat_r{r}\n    interval: 1s\n    rules:\n      - alert: lat_r{r}\n        expr: 'max_over_time(bench_metric{{rule=\"r{r}\"}}[10s]) > 90'\n");
    }

    File.WriteAllText(Path.Combine(dir, "flinq-rules.yaml"), flinq.ToString());
    File.WriteAllText(Path.Combine(dir, "prometheus-rules.yml"), prom.ToString());
    File.WriteAllText(Path.Combine(dir, "prometheus.yml"), $"""
        global:
          scrape_interval: 15s
          evaluation_interval: 1s
        rule_files: [prometheus-rules.yml]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['{Opt("alertmanager", "127.0.0.1:9093")}']
        """ + "\n");
    File.WriteAllText(Path.Combine(dir, "alertmanager.yml"), $"""
        route:
          receiver: hook
          group_by: [alertname, series]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: '{Opt("webhook", "http://127.0.0.1:9099/hook")}'
                send_resolved: false
        """ + "\n");
    Console.WriteLine($"wrote {dir}/flinq-rules.yaml, prometheus.yml, prometheus-rules.yml, alertmanager.yml ({rules} rules)");
    return 0;
}

int seriesCount = IntOpt("series", 10_000);
int seconds = IntOpt("seconds", 30);
int first = IntOpt("first", 12);
int batch = IntOpt("batch", 5000);
int tail = IntOpt("tail", 10);
int perRule = seriesCount / rules;
int slots = Math.Max(1, seconds - 20 - first + 1);
int crossings = Math.Min(seriesCount, IntOpt("crossings", Math.Min(seriesCount, 2 * rules)));

// Pre-encoded labels of each series (the TimeSeries body before its samples): __name__, rule, series.
var labelBytes = new byte[seriesCount][];
for (int j = 0; j < seriesCount; j++)
{
    using var ms = new MemoryStream();
    var o = new CodedOutputStream(ms, leaveOpen: true);
    foreach (var (n, v) in new[] { ("__name__", "bench_metric"), ("rule", "r" + (j % rules)), ("series", "s" + j) })
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteLength(CodedOutputStream.ComputeStringSize(n) + CodedOutputStream.ComputeStringSize(v) + 2);
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(n);
        o.WriteTag(2, WireFormat.WireType.LengthDelimited);
        o.WriteString(v);
    }

    o.Flush();
    labelBytes[j] = ms.ToArray();
}

// crossAt[j] = tick (second) at which series j crosses, or -1. Crossing c is series c (of rule c % rules); the
// crossings are spread round-robin over the seconds first .. seconds-20, so they fall at every phase of a 10 s window.
var crossAt = new int[seriesCount];
Array.Fill(crossAt, -1);
for (int c = 0; c < crossings; c++)
{
    crossAt[c] = first + (c % slots);
}

var sentAt = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
var firedAt = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
int webhookCalls = 0;
int repeatCalls = 0; // calls naming only series already notified firing: retries after a receiver timeout, or re-notifications

var listener = new HttpListener();
listener.Prefixes.Add($"http://127.0.0.1:{IntOpt("webhook-port", 9099)}/hook/");
listener.Start();
_ = Task.Run(async () =>
{
    while (listener.IsListening)
    {
        HttpListenerContext ctx;
        try
        {
            ctx = await listener.GetContextAsync();
        }
        catch (Exception)
        {
            break;
        }

        var now = DateTime.UtcNow;
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.InputStream);
            Interlocked.Increment(ref webhookCalls);
            bool anyNew = false;
            foreach (var alert in doc.RootElement.GetProperty("alerts").EnumerateArray())
            {
                if (alert.GetProperty("status").GetString() == "firing" && alert.GetProperty("labels").TryGetProperty("series", out var s))
                {
                    anyNew |= firedAt.TryAdd(s.GetString() ?? "", now);
                }
            }

            if (!anyNew)
            {
                Interlocked.Increment(ref repeatCalls);
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("webhook: " + e.Message);
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.Close();
    }
});

using var client = new HttpClient { BaseAddress = new Uri(Opt("write", "http://127.0.0.1:7700/")), Timeout = TimeSpan.FromSeconds(30) };
long failed = 0, acked = 0, lateTicks = 0;
double maxTickSeconds = 0;
var start = DateTime.UtcNow;
var t0 = new DateTime(start.Ticks - (start.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(1);
Console.Error.WriteLine($"streaming {seriesCount} series ({rules} rules, {perRule} series each) for {seconds} s; {crossings} crossings over seconds {first}..{first + slots - 1}");
for (int tick = 0; tick < seconds; tick++)
{
    var due = t0.AddSeconds(tick);
    var wait = due - DateTime.UtcNow;
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait);
    }
    else if (wait < TimeSpan.FromMilliseconds(-200))
    {
        lateTicks++;
    }

    var tickStart = DateTime.UtcNow;
    long ts = new DateTimeOffset(DateTime.UtcNow).ToUnixTimeMilliseconds();
    var posts = new List<Task>();
    for (int b0 = 0; b0 < seriesCount; b0 += batch)
    {
        int lo = b0, hi = Math.Min(seriesCount, b0 + batch);
        int thisTick = tick;
        posts.Add(Task.Run(async () =>
        {
            using var ms = new MemoryStream();
            var crossing = new List<string>();
            var d = new byte[8];
            for (int j = lo; j < hi; j++)
            {
                bool high = crossAt[j] >= 0 && thisTick >= crossAt[j];
                if (crossAt[j] == thisTick)
                {
                    crossing.Add("s" + j);
                }

                // TimeSeries { labels (pre-encoded), samples = 2 { value = 1 (double), timestamp = 2 (varint) } }
                int sampleLen = 9 + 1 + VarintSize((ulong)ts);
                ms.WriteByte(0x0A);
                WriteVarint(ms, (ulong)(labelBytes[j].Length + 1 + VarintSize((ulong)sampleLen) + sampleLen));
                ms.Write(labelBytes[j]);
                ms.WriteByte(0x12);
                WriteVarint(ms, (ulong)sampleLen);
                ms.WriteByte(0x09);
                System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(d, high ? 95 : 50);
                ms.Write(d);
                ms.WriteByte(0x10);
                WriteVarint(ms, (ulong)ts);
            }

            var content = new ByteArrayContent(Snappier.Snappy.CompressToArray(ms.GetBuffer().AsSpan(0, (int)ms.Length)));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
            content.Headers.ContentEncoding.Add("snappy");
            content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            var sendTime = DateTime.UtcNow;
            foreach (var s in crossing)
            {
                sentAt[s] = sendTime;
            }

            for (int attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    using var resp = await client.PostAsync("api/v1/write", content);
                    if (resp.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref acked);
                        return;
                    }

                    if (attempt == 0)
                    {
                        Console.Error.WriteLine($"write {(int)resp.StatusCode}: {await resp.Content.ReadAsStringAsync()}");
                    }
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine("write: " + e.Message);
                }

                await Task.Delay(200);
            }

            Interlocked.Increment(ref failed);
        }));
    }

    await Task.WhenAll(posts);
    maxTickSeconds = Math.Max(maxTickSeconds, (DateTime.UtcNow - tickStart).TotalSeconds);
}

for (int i = 0; i < tail * 10 && firedAt.Count < sentAt.Count; i++)
{
    await Task.Delay(100);
}

listener.Stop();
var lat = sentAt.Where(kv => firedAt.ContainsKey(kv.Key)).Select(kv => (firedAt[kv.Key] - kv.Value).TotalSeconds).OrderBy(x => x).ToArray();
double P(double q) => lat.Length == 0 ? double.NaN : lat[Math.Min(lat.Length - 1, (int)Math.Ceiling(q * lat.Length) - 1)];
int spurious = firedAt.Keys.Count(k => !sentAt.ContainsKey(k));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"series={seriesCount} rules={rules} crossings={sentAt.Count} alerted={lat.Length} missed={sentAt.Count - lat.Length} spurious={spurious} webhook_calls={webhookCalls} repeat_calls={repeatCalls} " +
    $"latency_s p50={P(0.50):0.00} p99={P(0.99):0.00} min={(lat.Length > 0 ? lat[0] : double.NaN):0.00} max={(lat.Length > 0 ? lat[^1] : double.NaN):0.00} " +
    $"writes_ok={acked} writes_failed={failed} late_ticks={lateTicks} slowest_tick={maxTickSeconds:0.00}s"));
return 0;

static int VarintSize(ulong v)
{
    int n = 1;
    while (v >= 0x80)
    {
        v >>= 7;
        n++;
    }

    return n;
}

static void WriteVarint(MemoryStream ms, ulong v)
{
    while (v >= 0x80)
    {
        ms.WriteByte((byte)(v | 0x80));
        v >>= 7;
    }

    ms.WriteByte((byte)v);
}

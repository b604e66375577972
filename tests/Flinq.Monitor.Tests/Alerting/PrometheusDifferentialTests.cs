using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using Label = Flinq.Monitor.Ingest.Prometheus.Proto.Label;
using Snappier;
using static Flinq.Monitor.Tests.Alerting.R;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>
/// The same samples go to a real Prometheus (Debian's <c>prometheus</c>, remote_write receiver, recent timestamps)
/// and to the threshold evaluator; at each 5-minute window end T, Prometheus' instant query
/// <c>avg_over_time(m[5m])</c> / <c>max_over_time(m[5m])</c> / <c>sum by (host) (rate(c[5m]))</c> must give the same
/// values per group, and the same groups above the threshold, as the evaluator's windows ending at T. No sample lies
/// on a window boundary, so Prometheus' closed range [T − 5m, T] and the evaluator's [T − 5m, T) hold the same samples.
/// </summary>
public sealed class PrometheusDifferentialTests : IAsyncLifetime
{
    private const string Binary = "/usr/bin/prometheus";
    private const long Window = 300_000;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flinq-evala-prom-" + Guid.NewGuid().ToString("N"));
    private Process? _prometheus;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_prometheus is { HasExited: false })
        {
            _prometheus.Kill();
            await _prometheus.WaitForExitAsync();
        }

        _prometheus?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task AvgMaxAndRate_SameValuesAndActiveGroupsAsPrometheus()
    {
        File.Exists(Binary).Should().BeTrue(
            $"this test needs Debian's prometheus package ({Binary} is missing): run ./test.sh, which installs it, or apt-get install prometheus");

        // 30 minutes of samples every 15 s, offset 7 s from the 5-minute grid, ending a minute ago.
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long start = ((now - (36 * 60_000)) / Window * Window) + Window;
        var random = new Random(42);
        var points = new List<MetricPoint>();
        var write = new WriteRequest();
        for (int h = 0; h < 6; h++)
        {
            var gauge = NewSeries(write, "evala_cpu", "h" + h);
            var counter = NewSeries(write, "evala_requests_total", "h" + h);
            double total = 0;
            for (long t = start + 7000; t < start + (6 * Window); t += 15_000)
            {
                double cpu = Math.Round(60 + (h * 8) + (random.NextDouble() * 30), 3);
                total = h == 3 && t > start + (2 * Window) + 100_000 && t < start + (2 * Window) + 116_000 ? 0 : total + Math.Round(random.NextDouble() * h * 60, 3); // h3 restarts once
                gauge.Samples.Add(new Sample { Timestamp = t, Value = cpu });
                counter.Samples.Add(new Sample { Timestamp = t, Value = total });
                points.Add(new MetricPoint("evala_cpu", Host("h" + h), new Time.Timestamp(t), cpu, MetricKind.Gauge));
                points.Add(new MetricPoint("evala_requests_total", Host("h" + h), new Time.Timestamp(t), total, MetricKind.Counter));
            }
        }

        using var prometheus = await StartPrometheusAsync();
        using (var body = new ByteArrayContent(Snappy.CompressToArray(write.ToByteArray())))
        {
            body.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            body.Headers.ContentEncoding.Add("snappy");
            body.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            using var response = await prometheus.PostAsync("api/v1/write", body);
            response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        }

        string prefix = Unique("prom");
        RuleChange[] rules =
        [
            Threshold(prefix + "-avg", Aggregation.Avg, Comparison.GreaterThan, 90, TimeSpan.FromMinutes(5), groupBy: ["host"], metric: "evala_cpu"),
            Threshold(prefix + "-max", Aggregation.Max, Comparison.GreaterThan, 105, TimeSpan.FromMinutes(5), groupBy: ["host"], metric: "evala_cpu"),
            Threshold(prefix + "-rate", Aggregation.Rate, Comparison.GreaterThan, 1.2, TimeSpan.FromMinutes(5), groupBy: ["host"], metric: "evala_requests_total"),
        ];
        List<RuleEvaluation> evaluations;
        await using (var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply))
        {
            await rig.ApplyAsync(rules);
            foreach (var p in points.OrderBy(p => p.Timestamp.Milliseconds))
            {
                rig.Data.Add(p, p.Timestamp.Milliseconds);
            }

            evaluations = [.. (await rig.FinishAsync()).Where(e => !e.NoData)];
        }

        var queries = new (string Rule, string Query, double Threshold)[]
        {
            (prefix + "-avg", "avg_over_time(evala_cpu[5m])", 90),
            (prefix + "-max", "max_over_time(evala_cpu[5m])", 105),
            (prefix + "-rate", "sum by (host) (rate(evala_requests_total[5m]))", 1.2),
        };
        int activeSeen = 0;
        for (long end = start + Window; end <= start + (6 * Window); end += Window)
        {
            foreach (var (rule, query, threshold) in queries)
            {
                var expected = await QueryAsync(prometheus, query, end);
                var expectedActive = (await QueryAsync(prometheus, query + " > " + threshold.ToString(CultureInfo.InvariantCulture), end)).Keys.Order().ToList();
                var ours = evaluations.Where(e => e.Rule == rule && e.Time.Milliseconds == end).ToDictionary(e => e.Group.Get("host")!, e => e);

                ours.Keys.Order().Should().Equal(expected.Keys.Order(), $"{query} at {end} has the same groups");
                foreach (var (host, value) in expected)
                {
                    ours[host].Value.Should().BeApproximately(value, Math.Abs(value) * 1e-9, $"{query}{{host={host}}} at {end}");
                }

                ours.Where(kv => kv.Value.Active).Select(kv => kv.Key).Order().Should().Equal(expectedActive, $"{query} > {threshold} at {end}");
                activeSeen += expectedActive.Count;
            }
        }

        activeSeen.Should().BeGreaterThan(0, "the data must make some groups active, or the comparison proves little");
    }

    private static TimeSeries NewSeries(WriteRequest write, string name, string host)
    {
        var series = new TimeSeries();
        series.Labels.Add(new Label { Name = "__name__", Value = name });
        series.Labels.Add(new Label { Name = "host", Value = host });
        write.Timeseries.Add(series);
        return series;
    }

    private static async Task<Dictionary<string, double>> QueryAsync(HttpClient prometheus, string query, long timeMs)
    {
        string time = (timeMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        var json = JsonNode.Parse(await prometheus.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString(query)}&time={time}"))!;
        json["status"]!.GetValue<string>().Should().Be("success");
        return json["data"]!["result"]!.AsArray().ToDictionary(
            r => r!["metric"]!["host"]!.GetValue<string>(),
            r => double.Parse(r!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    private async Task<HttpClient> StartPrometheusAsync()
    {
        Directory.CreateDirectory(_dir);
        int port = FreePort();
        var config = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1m\n");
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(_dir, "data"), $"--web.listen-address=127.0.0.1:{port}", "--web.enable-remote-write-receiver" })
        {
            info.ArgumentList.Add(arg);
        }

        _prometheus = Process.Start(info)!;
        _ = _prometheus.StandardOutput.ReadToEndAsync();
        var log = _prometheus.StandardError.ReadToEndAsync();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_prometheus.HasExited)
            {
                throw new InvalidOperationException("prometheus exited: " + await log);
            }

            try
            {
                using var ready = await client.GetAsync("-/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return client;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("prometheus was not ready within 60 s: " + (_prometheus.HasExited ? await log : "still running"));
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

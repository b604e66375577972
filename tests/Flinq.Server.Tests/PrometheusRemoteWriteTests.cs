using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package; ./test.sh installs it) scrapes itself every second
/// and remote-writes into Flinq; what Flinq stored equals what Prometheus holds in its own TSDB.
/// </summary>
public sealed class PrometheusRemoteWriteTests : IAsyncLifetime
{
    private const string Binary = "/usr/bin/prometheus";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flinq-prom-" + Guid.NewGuid().ToString("N"));
    private ServerFixture _flinq = null!;
    private Process? _prometheus;

    public async Task InitializeAsync() => _flinq = await ServerFixture.StartAsync();

    public async Task DisposeAsync()
    {
        if (_prometheus is { HasExited: false })
        {
            _prometheus.Kill();
            await _prometheus.WaitForExitAsync();
        }

        _prometheus?.Dispose();
        await _flinq.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Prometheus_RemoteWritesItsScrapes_FlinqHoldsTheSameSamples()
    {
        File.Exists(Binary).Should().BeTrue(
            $"this test needs Debian's prometheus package ({Binary} is missing): run ./test.sh, which installs it, or apt-get install prometheus");
        Directory.CreateDirectory(_dir);
        int port = FreePort();
        var config = Path.Combine(_dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ['127.0.0.1:{port}']
            remote_write:
              - url: {_flinq.Server.Address}api/v1/write
                queue_config:
                  batch_send_deadline: 1s
                  max_samples_per_send: 2000
            """);
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(_dir, "data"), $"--web.listen-address=127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        _prometheus = Process.Start(info)!;
        _ = _prometheus.StandardOutput.ReadToEndAsync();
        var log = _prometheus.StandardError.ReadToEndAsync();
        using var prometheus = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        // Wait until Flinq holds at least 4 scrapes of scrape_samples_scraped (one sample per scrape).
        Dictionary<long, double> flinq = [];
        await TestWait.UntilAsync(async () =>
        {
            if (_prometheus.HasExited)
            {
                throw new InvalidOperationException("prometheus exited: " + await log);
            }

            flinq = await FlinqSamples("scrape_samples_scraped");
            return flinq.Count >= 4;
        }, TimeSpan.FromSeconds(60), "Prometheus to remote-write 4 scrapes into Flinq");

        var json = JsonNode.Parse(await prometheus.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString("scrape_samples_scraped{job=\"prometheus\"}[10m]")))!;
        var result = json["data"]!["result"]!.AsArray().Single()!;
        result["metric"]!["instance"]!.GetValue<string>().Should().Be($"127.0.0.1:{port}");
        var tsdb = result["values"]!.AsArray().ToDictionary(
            v => (long)Math.Round(v![0]!.GetValue<double>() * 1000),
            v => double.Parse(v![1]!.GetValue<string>(), CultureInfo.InvariantCulture));

        // Everything Flinq has, Prometheus has; everything Prometheus had up to Flinq's newest sample, Flinq has.
        long newest = flinq.Keys.Max();
        flinq.Should().BeEquivalentTo(tsdb.Where(kv => kv.Key <= newest).ToDictionary());
        var labels = (await _flinq.GetDataAsync($"/api/v1/labels?metric=scrape_samples_scraped")).AsArray().Select(n => n!.GetValue<string>());
        labels.Should().Equal("instance", "job");
    }

    private async Task<Dictionary<long, double>> FlinqSamples(string metric)
    {
        long now = Encoders.NowMs / 1000;
        var data = await _flinq.GetDataAsync($"/api/v1/samples?metric={metric}&label.job=prometheus&start={now - 600}&end={now + 60}");
        return data.AsArray().SelectMany(s => s!["points"]!.AsArray()).ToDictionary(p => p![0]!.GetValue<long>(), p => p![1]!.GetValue<double>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Text.Json.Nodes;
using Flinq.Monitor.Telemetry;
using Flinq.Server.Diagnostics;
using Flinq.Server.Ingest;
using Flinq.Server.Live;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Server.Tests.Live;

public sealed class LiveFeedTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static MetricPoint Point(string name, double value, params (string, string)[] labels) =>
        new(name, Labels.FromPairs(labels), new Timestamp(0), value, MetricKind.Gauge);

    [Fact]
    public void Observe_CpuAndMemoryUnderKnownNames_HostViewHasPercentages()
    {
        var live = new LiveAggregate(_time);
        var batch = new TelemetryBatch();
        batch.Metrics.Add(Point("node_cpu_usage_percent", 42, ("host", "a"), ("service", "web")));
        batch.Metrics.Add(Point("node_memory_used_bytes", 1e9, ("host", "a")));
        batch.Metrics.Add(Point("node_memory_total_bytes", 4e9, ("host", "a")));
        batch.Metrics.Add(Point("cpu_usage_idle", 70, ("host", "b"), ("cpu", "cpu-total")));
        batch.Metrics.Add(Point("cpu_usage_idle", 0, ("host", "b"), ("cpu", "cpu0"))); // one core: ignored
        batch.Metrics.Add(Point("mem_used_percent", 12.5, ("host", "b")));
        batch.Metrics.Add(Point("node_memory_MemAvailable_bytes", 3e9, ("instance", "c:9100")));
        batch.Metrics.Add(Point("node_memory_MemTotal_bytes", 4e9, ("instance", "c:9100")));
        batch.Metrics.Add(Point("no_host_label", 1));
        live.Observe([batch]);

        var (hosts, _) = live.Read();
        hosts.Select(h => h.Host).Should().Equal("a", "b", "c:9100");
        hosts[0].Should().BeEquivalentTo(new { Service = "web", Cpu = 42.0, MemoryPercent = 25.0 });
        hosts[1].Cpu.Should().Be(30);
        hosts[1].MemoryPercent.Should().Be(12.5);
        hosts[2].MemoryPercent.Should().Be(25);
        double.IsNaN(hosts[2].Cpu).Should().BeTrue("no CPU metric was seen for c");
    }

    [Fact]
    public void Observe_LogsAndSpans_CountedPerServiceWithErrors()
    {
        var live = new LiveAggregate(_time);
        var batch = new TelemetryBatch();
        batch.Logs.Add(new LogRecord { Timestamp = new Timestamp(0), Service = "pay", Host = "p1", SeverityNumber = 17, Body = "failed" });
        batch.Logs.Add(new LogRecord { Timestamp = new Timestamp(0), Service = "pay", Host = "p1", SeverityNumber = 9, Body = "ok" });
        batch.Spans.Add(new Span { TraceId = new TraceId(1, 1), SpanId = new SpanId(1), Name = "charge", Service = "pay", StartUnixNanos = 0, StatusCode = SpanStatusCode.Error });
        batch.Spans.Add(new Span { TraceId = new TraceId(1, 1), SpanId = new SpanId(2), Name = "charge", Service = "pay", StartUnixNanos = 0, StatusCode = SpanStatusCode.Ok });
        live.Observe([batch]);

        var (hosts, services) = live.Read();
        hosts.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Host = "p1", Service = "pay" });
        services.Should().Equal(new LiveAggregate.ServiceView("pay", 2, 1, 2, 1));
    }

    [Fact]
    public void Observe_MoreHostsThanTheBound_DropsTheLeastRecentlySeen()
    {
        var live = new LiveAggregate(_time);
        for (int i = 0; i <= LiveAggregate.MaxEntries; i++)
        {
            var batch = new TelemetryBatch();
            batch.Metrics.Add(Point("up", 1, ("host", "h" + i)));
            live.Observe([batch]);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var (hosts, _) = live.Read();
        hosts.Should().HaveCount(LiveAggregate.MaxEntries);
        hosts.Should().NotContain(h => h.Host == "h0");
        hosts.Should().Contain(h => h.Host == "h" + LiveAggregate.MaxEntries);
    }

    [Fact]
    public void Publish_EverySecond_RatesOverTheWindowAndHostsGoDownAfterSilence()
    {
        var metrics = new ServerMetrics(() => 0, 100);
        var live = new LiveAggregate(_time);
        var feed = new LiveFeed(metrics, live, _time);
        var batch = new TelemetryBatch();
        batch.Metrics.Add(Point("node_cpu_usage_percent", 50, ("host", "a")));
        live.Observe([batch]);
        for (int second = 1; second <= 20; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            metrics.Items("samples", "accepted", 100);
            metrics.Items("logs", "accepted", 10);
            feed.Publish();
        }

        var snapshot = JsonNode.Parse(feed.Current.Json)!;
        snapshot["ingest"]!["metrics"]!["total"]!.GetValue<long>().Should().Be(2000);
        snapshot["ingest"]!["metrics"]!["rate"]!.GetValue<double>().Should().Be(100);
        snapshot["ingest"]!["logs"]!["rate"]!.GetValue<double>().Should().Be(10);
        snapshot["ingest"]!["spans"]!["rate"]!.GetValue<double>().Should().Be(0);
        var host = snapshot["hosts"]![0]!;
        host["up"]!.GetValue<bool>().Should().BeTrue("last seen 20 s ago");

        _time.Advance(TimeSpan.FromSeconds(11));
        feed.Publish();
        snapshot = JsonNode.Parse(feed.Current.Json)!;
        snapshot["hosts"]![0]!["up"]!.GetValue<bool>().Should().BeFalse("last seen 31 s ago");
        snapshot["hosts"]![0]!["cpu"]!.GetValue<double>().Should().Be(50);
        snapshot["hosts"]![0]!["mem"].Should().BeNull();
    }

    [Fact]
    public async Task WaitForNewerAsync_CompletesOnPublish()
    {
        var feed = new LiveFeed(new ServerMetrics(() => 0, 1), new LiveAggregate(_time), _time);
        long version = feed.Current.Version;
        var wait = feed.WaitForNewerAsync(version, CancellationToken.None);
        wait.IsCompleted.Should().BeFalse();
        feed.Publish();
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        feed.Current.Version.Should().Be(version + 1);
        feed.WaitForNewerAsync(version, CancellationToken.None).IsCompleted.Should().BeTrue();
    }
}

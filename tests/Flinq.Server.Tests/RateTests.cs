using System.Net;

namespace Flinq.Server.Tests;

/// <summary>
/// <c>agg=rate</c> and <c>agg=increase</c> against values worked out by hand with Prometheus' rules: counter resets
/// (a decrease adds the previous value) and extrapolation to the bucket edges (1.1 × average gap, half a gap
/// otherwise, never before the counter's zero point).
/// </summary>
public sealed class RateTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private readonly long _t0 = (Encoders.NowMs / 60_000 * 60_000) - (10 * 60_000);

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        var request = new Flinq.Monitor.Ingest.Prometheus.Proto.WriteRequest();
        foreach (var (host, samples) in new (string, (int Second, double Value)[])[]
        {
            // Bucket 0: 10, 20, 30, reset to 5, 15, 25 → increase 10+10+5+10+10 = 45 over 50 s, gaps of 10 s.
            // Bucket 1: 3, 9 at 70 s and 80 s.
            ("reset", [(0, 10), (10, 20), (20, 30), (30, 5), (40, 15), (50, 25), (70, 3), (80, 9)]),
            ("zero", [(20, 2), (30, 12), (40, 22)]),   // starts near zero: extrapolation stops at the zero point
            ("high", [(20, 100), (30, 110), (40, 120)]), // far from zero: half a gap on each side
            ("single", [(30, 7)]),                     // one sample: no rate
        })
        {
            request.Timeseries.Add(Encoders.Series("requests_total", [("host", host)], samples.Select(s => (_t0 + (s.Second * 1000L), s.Value)).ToArray()).Timeseries[0]);
        }

        using var response = await _server.Client.PostAsync("/api/v1/write", Encoders.RemoteWrite(request));
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<Dictionary<string, double[]>> Query(string agg, int endSecond)
    {
        var data = await _server.GetDataAsync($"/api/v1/query_range?metric=requests_total&start={_t0 / 1000}&end={(_t0 / 1000) + endSecond}&step=60s&agg={agg}&by=host");
        data["source"]!.GetValue<string>().Should().Be("raw");
        return data["series"]!.AsArray().ToDictionary(
            s => s!["labels"]!["host"]!.GetValue<string>(),
            s => s!["points"]!.AsArray().Select(p => p![1]!.GetValue<double>()).ToArray());
    }

    [Fact]
    public async Task Increase_CounterResetAndExtrapolation_HandCheckedValues()
    {
        var increase = await Query("increase", 120);

        // reset, bucket 0: 45 over the sampled 50 s; 0 s to the start (none), 10 s to the end (< 11 s: all of it)
        // → 45 × 60 / 50 = 54. Without reset handling (last − first) it would be 15.
        // reset, bucket 1: 6 over 10 s; to the start 10 s (< 11 s) but the zero point is 10 × 3/6 = 5 s away → 5;
        // to the end 40 s (≥ 11 s) → half a gap, 5 → 6 × 20 / 10 = 12.
        increase["reset"].Should().HaveCount(2);
        increase["reset"][0].Should().BeApproximately(54, 1e-9);
        increase["reset"][1].Should().BeApproximately(12, 1e-9);

        // zero: 20 over 20 s; to the start 20 s → 5 s, but zero is 20 × 2/20 = 2 s away → 2; to the end 5 → 20 × 27 / 20.
        increase["zero"].Should().ContainSingle().Which.Should().BeApproximately(27, 1e-9);

        // high: 20 over 20 s, 5 s on each side → 20 × 30 / 20 = 30.
        increase["high"].Should().ContainSingle().Which.Should().BeApproximately(30, 1e-9);
        increase.Should().NotContainKey("single");
    }

    [Fact]
    public async Task Rate_DividesByTheBucketLength_LastBucketCutByEnd()
    {
        var rate = await Query("rate", 120);
        rate["reset"].Should().Equal([54.0 / 60, 12.0 / 60], (a, b) => Math.Abs(a - b) < 1e-9);
        rate["zero"][0].Should().BeApproximately(27.0 / 60, 1e-9);
        rate["high"][0].Should().BeApproximately(0.5, 1e-9);

        // end = 100 s: bucket 1 is [60 s, 100 s): 20 s to its end (still ≥ 11 s → 5 s), so the increase stays 12,
        // divided by the 40 s the bucket covers.
        var cut = await Query("rate", 100);
        cut["reset"][1].Should().BeApproximately(12.0 / 40, 1e-9);
    }

    [Fact]
    public async Task Rate_SumByGroup_AddsTheSeriesRates()
    {
        var data = await _server.GetDataAsync($"/api/v1/query_range?metric=requests_total&start={_t0 / 1000}&end={(_t0 / 1000) + 60}&step=60s&agg=rate");
        var points = data["series"]![0]!["points"]!.AsArray();
        points.Should().ContainSingle();
        points[0]![1]!.GetValue<double>().Should().BeApproximately((54.0 + 27 + 30) / 60, 1e-9);
    }
}

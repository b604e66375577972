using System.Text;
using Flinq.Monitor.Ingest.Influx;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Ingest.Influx;

public sealed class InfluxAllocationTests
{
    [Fact]
    public void Decode_RepeatedSeries_AllocatesOnlyLabelsAndValuesPerLine()
    {
        long ns = TestClock.NowMs * 1_000_000L;
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"cpu,host=server-{i % 10},region=eu-west usage_user={i}.5,usage_system=2i {ns}\n")));
        var decoder = new InfluxLineProtocolDecoder(TestClock.Options);
        var points = new List<MetricPoint>(8000);
        decoder.Decode(body, InfluxPrecision.Nanoseconds, points); // warm up: names interned, buffers grown
        points.Clear();

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = decoder.Decode(body, InfluxPrecision.Nanoseconds, points);
        long perLine = (GC.GetAllocatedBytesForCurrentThread() - before) / 2000;

        result.Accepted.Should().Be(2000);
        points.Should().HaveCount(4000);
        // Per line: one Labels (object + 2-element array) and two tag value strings; names and metric names are interned.
        perLine.Should().BeLessThan(320, "names are interned and buffers reused");
        ReferenceEquals(points[0].Name, points[2].Name).Should().BeTrue();
    }
}

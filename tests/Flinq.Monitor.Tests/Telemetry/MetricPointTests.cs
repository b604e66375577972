using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Tests.Telemetry;

public sealed class MetricPointTests
{
    [Fact]
    public void SeriesFingerprint_SameNameAndLabels_EqualElseDifferent()
    {
        var labels = Labels.FromPairs(("job", "a"));
        var a = new MetricPoint("up", labels, new Timestamp(1), 1, MetricKind.Gauge);
        var b = new MetricPoint("up", Labels.FromPairs(("job", "a")), new Timestamp(2), 0, MetricKind.Unknown);

        a.SeriesFingerprint.Should().Be(b.SeriesFingerprint, "time, value and kind are not part of the series");
        a.SeriesFingerprint.Should().NotBe((a with { Name = "down" }).SeriesFingerprint);
        a.SeriesFingerprint.Should().NotBe((a with { Labels = Labels.FromPairs(("job", "b")) }).SeriesFingerprint);
        a.SeriesFingerprint.Should().NotBe(labels.Fingerprint);
    }
}

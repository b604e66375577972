using System.Numerics;
using CsCheck;
using Flinq.Time;

namespace Flinq.Tests.Time;

public sealed class TimestampTests
{
    [Fact]
    public void AddMilliseconds_PastMaxValue_SaturatesAtMaxValue()
    {
        new Timestamp(long.MaxValue - 5).AddMilliseconds(10).Should().Be(Timestamp.MaxValue);
        Timestamp.MaxValue.AddMilliseconds(long.MaxValue).Should().Be(Timestamp.MaxValue);
    }

    [Fact]
    public void AddMilliseconds_BelowMinValue_SaturatesAtMinValueNotNone()
    {
        new Timestamp(long.MinValue + 10).AddMilliseconds(-20).Should().Be(Timestamp.MinValue);
        Timestamp.MinValue.AddMilliseconds(-1).Should().Be(Timestamp.MinValue);
        Timestamp.MinValue.AddMilliseconds(long.MinValue).Should().Be(Timestamp.MinValue);
        Timestamp.MinValue.AddMilliseconds(-1).HasValue.Should().BeTrue();
    }

    [Fact]
    public void Operators_WithTimeSpan_SaturateInsteadOfWrapping()
    {
        (Timestamp.MaxValue + TimeSpan.FromDays(1)).Should().Be(Timestamp.MaxValue);
        (Timestamp.MinValue - TimeSpan.FromDays(1)).Should().Be(Timestamp.MinValue);
        (new Timestamp(1_000) + TimeSpan.FromMilliseconds(500)).Should().Be(new Timestamp(1_500));
        (new Timestamp(1_000) - TimeSpan.FromSeconds(2)).Should().Be(new Timestamp(-1_000));
        (new Timestamp(5_000) - new Timestamp(2_000)).Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void AddMilliseconds_AnyOperands_EqualsExactSumClampedToValidRange()
    {
        var gen = Gen.Select(Gen.Long[long.MinValue + 1, long.MaxValue], Gen.Long);
        gen.Sample((start, delta) =>
        {
            var exact = (BigInteger)start + delta;
            long expected = exact > long.MaxValue ? long.MaxValue
                : exact <= long.MinValue ? long.MinValue + 1
                : (long)exact;
            new Timestamp(start).AddMilliseconds(delta).Milliseconds.Should().Be(expected);
        }, iter: 10_000);
    }

    [Fact]
    public void ToString_RegularAndSentinelTimestamps_AreReadable()
    {
        new Timestamp(0).ToString().Should().Be("1970-01-01T00:00:00.000Z");
        new Timestamp(1_700_000_000_123).ToString().Should().Be("2023-11-14T22:13:20.123Z");
        Timestamp.None.ToString().Should().Be("none");
        Timestamp.MinValue.ToString().Should().Be("min");
        Timestamp.MaxValue.ToString().Should().Be("max");
        new Timestamp(long.MaxValue - 1).ToString().Should().Be((long.MaxValue - 1) + "ms");
    }

    [Fact]
    public void WatermarkToString_RegularAndSentinels_AreReadable()
    {
        new Watermark(1_500).ToString().Should().Be("Watermark(1970-01-01T00:00:01.500Z)");
        Watermark.MinValue.ToString().Should().Be("Watermark(min)");
        Watermark.MaxValue.ToString().Should().Be("Watermark(max)");
    }

    [Fact]
    public void None_IsDistinctFromEveryValidTimestamp()
    {
        Timestamp.None.HasValue.Should().BeFalse();
        Timestamp.None.Should().NotBe(Timestamp.MinValue);
        (Timestamp.None < Timestamp.MinValue).Should().BeTrue();
    }
}

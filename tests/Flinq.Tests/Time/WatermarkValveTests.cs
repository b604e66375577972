using Flinq.Runtime.Exchange;
using Flinq.Time;

namespace Flinq.Tests.Time;

public sealed class WatermarkValveTests
{
    [Fact]
    public void TryAdvance_TwoActiveChannels_EmitsMinimum()
    {
        var valve = new WatermarkValve(2);

        valve.TryAdvance(0, 100, out _).Should().BeFalse("channel 1 has no watermark yet");
        valve.TryAdvance(1, 50, out var combined).Should().BeTrue();

        combined.Milliseconds.Should().Be(50);
    }

    [Fact]
    public void SetChannelIdle_SilentChannelGoesIdle_WatermarkAdvancesToActiveChannel()
    {
        var valve = new WatermarkValve(2);
        valve.TryAdvance(0, 100, out _);
        valve.TryAdvance(1, 10, out _);

        var change = valve.SetChannelIdle(1, idle: true);

        change.Watermark.Should().Be(new Watermark(100));
        change.Idle.Should().BeNull("one channel is still active");
        valve.TryAdvance(0, 200, out var combined).Should().BeTrue();
        combined.Milliseconds.Should().Be(200);
    }

    [Fact]
    public void SetChannelIdle_WithoutIdleness_SilentChannelHoldsWatermarkBack()
    {
        var valve = new WatermarkValve(2);
        valve.TryAdvance(1, 10, out _);

        valve.TryAdvance(0, 100, out var first).Should().BeTrue();
        valve.TryAdvance(0, 200, out _).Should().BeFalse();

        first.Milliseconds.Should().Be(10);
    }

    [Fact]
    public void SetChannelIdle_AllChannelsIdle_FlushesHighestWatermarkAndInputGoesIdle()
    {
        var valve = new WatermarkValve(2);
        valve.TryAdvance(0, 100, out _);
        valve.TryAdvance(1, 300, out _);

        valve.SetChannelIdle(1, idle: true).Should().Be(default(WatermarkValve.Change), "the combined watermark already is channel 0's 100");
        var change = valve.SetChannelIdle(0, idle: true);

        change.Should().Be(new WatermarkValve.Change(new Watermark(300), true));
        valve.IsIdle.Should().BeTrue();
    }

    [Fact]
    public void SetChannelIdle_ChannelBecomesActiveBelowCombined_DoesNotMoveWatermarkBack()
    {
        var valve = new WatermarkValve(2);
        valve.TryAdvance(0, 100, out _);
        valve.TryAdvance(1, 10, out _);
        valve.SetChannelIdle(1, idle: true); // combined: 100

        valve.SetChannelIdle(1, idle: false).Should().Be(default(WatermarkValve.Change));
        valve.TryAdvance(1, 50, out _).Should().BeFalse("channel 1 is behind the combined watermark: not aligned yet");
        valve.TryAdvance(0, 150, out var advanced).Should().BeTrue("only aligned channels count");
        advanced.Milliseconds.Should().Be(150);
        valve.TryAdvance(1, 160, out _).Should().BeFalse("channel 1 caught up and is aligned again; the minimum is 150");
        valve.TryAdvance(0, 400, out var joint).Should().BeTrue();
        joint.Milliseconds.Should().Be(160);
    }

    [Fact]
    public void SetChannelIdle_IdleInputBecomesActive_ReportsActive()
    {
        var valve = new WatermarkValve(1);
        valve.SetChannelIdle(0, idle: true).Idle.Should().BeTrue();

        valve.SetChannelIdle(0, idle: false).Should().Be(new WatermarkValve.Change(null, false));
        valve.IsIdle.Should().BeFalse();
    }

    [Fact]
    public void TryAdvance_WatermarkOnIdleChannel_IsIgnored()
    {
        var valve = new WatermarkValve(2);
        valve.TryAdvance(0, 100, out _);
        valve.SetChannelIdle(1, idle: true);

        valve.TryAdvance(1, 500, out _).Should().BeFalse();
        valve.TryAdvance(0, 120, out var combined).Should().BeTrue();
        combined.Milliseconds.Should().Be(120);
    }

    [Fact]
    public void EndChannel_LastActiveChannelEndsWhileOtherIsIdle_InputGoesIdle()
    {
        var valve = new WatermarkValve(2);
        valve.TryAdvance(0, 100, out _);
        valve.SetChannelIdle(1, idle: true);

        var change = valve.EndChannel(0);

        change.Idle.Should().BeTrue();
        valve.AllEnded.Should().BeFalse();
    }
}

using Flinq.Time;

namespace Flinq.Tests.Time;

public sealed class BoundedOutOfOrdernessWatermarksTests
{
    [Fact]
    public void OnPeriodicEmit_DisorderWithinBound_EmitsMaxTimestampMinusBoundMinusOne()
    {
        var generator = new BoundedOutOfOrdernessWatermarks<string>(TimeSpan.FromSeconds(2));
        var output = new ListOutput();

        generator.OnEvent("a", new Timestamp(1_000), output);
        generator.OnEvent("b", new Timestamp(5_000), output);
        generator.OnEvent("c", new Timestamp(3_500), output); // 1.5 s behind the maximum: within the bound
        generator.OnPeriodicEmit(output);

        output.Watermarks.Should().Equal(5_000 - 2_000 - 1);
        new Timestamp(3_500).Milliseconds.Should().BeGreaterThan(output.Watermarks[^1], "a record within the bound is not late");
    }

    [Fact]
    public void OnPeriodicEmit_BeforeAnyRecord_EmitsMinimumWithoutUnderflow()
    {
        var generator = new BoundedOutOfOrdernessWatermarks<string>(TimeSpan.FromSeconds(5));
        var output = new ListOutput();

        generator.OnPeriodicEmit(output);

        output.Watermarks.Should().Equal(long.MinValue);
    }

    [Fact]
    public void OnPeriodicEmit_MonotonousStrategy_EmitsMaxTimestampMinusOne()
    {
        var generator = WatermarkStrategy<int>.ForMonotonousTimestamps().CreateGenerator(new WatermarkGeneratorContext(TimeProvider.System, 0, null));
        var output = new ListOutput();

        generator.OnEvent(1, new Timestamp(10), output);
        generator.OnEvent(2, new Timestamp(20), output);
        generator.OnPeriodicEmit(output);

        output.Watermarks.Should().Equal(19);
    }

    [Fact]
    public void Constructor_NegativeBound_Throws()
    {
        var act = () => new BoundedOutOfOrdernessWatermarks<int>(TimeSpan.FromMilliseconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private sealed class ListOutput : IWatermarkOutput
    {
        public List<long> Watermarks { get; } = new();

        public void EmitWatermark(Watermark watermark) => Watermarks.Add(watermark.Milliseconds);

        public void MarkIdle()
        {
        }

        public void MarkActive()
        {
        }
    }
}

using Flinq.Functions;
using Flinq.Operators;
using Flinq.Tests.Support;
using Flinq.Time;

namespace Flinq.Tests.Operators;

public sealed class TwoInputWatermarkTests
{
    [Fact]
    public void ProcessWatermarkStatus_OneInputIdle_ExcludedFromMinimum()
    {
        var (op, output, task) = Create();
        using var _ = task;

        op.Input1.ProcessWatermark(new Watermark(100));
        op.Input2.ProcessWatermark(new Watermark(10));
        op.Input2.ProcessWatermarkStatus(idle: true);
        op.Input1.ProcessWatermark(new Watermark(200));

        output.Watermarks.Should().Equal(10, 100, 200);
        output.Statuses.Should().BeEmpty("input 1 is still active");
    }

    [Fact]
    public void ProcessWatermarkStatus_BothIdleThenOneActive_ForwardsIdleThenActive()
    {
        var (op, output, task) = Create();
        using var _ = task;
        op.Input1.ProcessWatermark(new Watermark(100));
        op.Input2.ProcessWatermark(new Watermark(50));

        op.Input1.ProcessWatermarkStatus(idle: true);
        op.Input2.ProcessWatermarkStatus(idle: true);
        op.Input1.ProcessWatermarkStatus(idle: false);
        op.Input1.ProcessWatermark(new Watermark(120));
        op.Input2.ProcessWatermarkStatus(idle: false);

        output.Statuses.Should().Equal(true, false);
        output.Watermarks.Should().Equal(new long[] { 50, 100, 120 }, "input 1 alone counts while input 2 is idle, and input 2 (at 50) becoming active does not move the watermark back");
    }

    private static (CoProcessOperator<int, int, int> Operator, RecordingInput<int> Output, ManualTask Task) Create()
    {
        var task = new ManualTask();
        var output = new RecordingInput<int>();
        var op = new CoProcessOperator<int, int, int>(new PassThrough());
        op.Setup(task.CreateContext("co"), output);
        op.Open();
        return (op, output, task);
    }

    private sealed class PassThrough : CoProcessFunction<int, int, int>
    {
        public override void ProcessElement1(int value, IProcessContext context, ICollector<int> output) => output.Collect(value);

        public override void ProcessElement2(int value, IProcessContext context, ICollector<int> output) => output.Collect(value);
    }
}

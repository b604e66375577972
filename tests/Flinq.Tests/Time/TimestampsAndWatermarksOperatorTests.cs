using Flinq.Operators;
using Flinq.Tests.Support;
using Flinq.Time;

namespace Flinq.Tests.Time;

public sealed class TimestampsAndWatermarksOperatorTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void PeriodicEmit_FakeClock_EmitsOncePerIntervalAndOnlyWhenAdvanced()
    {
        using var task = new ManualTask();
        var (op, output) = Open(task, WatermarkStrategy<int>.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(2)));

        op.ProcessElement(1, new Timestamp(1_000));
        op.ProcessElement(2, new Timestamp(5_000));
        op.ProcessElement(3, new Timestamp(3_500));
        output.Watermarks.Should().BeEmpty("periodic generators emit only on the interval");

        task.Advance(TimeSpan.FromMilliseconds(199));
        output.Watermarks.Should().BeEmpty();
        task.Advance(TimeSpan.FromMilliseconds(1));
        output.Watermarks.Should().Equal(2_999);

        op.ProcessElement(4, new Timestamp(8_000));
        task.Advance(Interval);
        task.Advance(Interval); // nothing new: no duplicate watermark
        output.Watermarks.Should().Equal(2_999, 5_999);
        output.Values.Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void OnEvent_PunctuatedGenerator_EmitsAfterTheRecordAndNeverBackwards()
    {
        using var task = new ManualTask();
        var strategy = WatermarkStrategy<(string Text, long Ms)>.ForGenerator(_ => new MarkerGenerator())
            .WithTimestampAssigner(e => e.Ms);
        var (op, output) = Open(task, strategy);

        op.ProcessElement(("x", 100), Timestamp.None);
        op.ProcessElement(("mark", 500), Timestamp.None);
        op.ProcessElement(("mark", 300), Timestamp.None); // lower: ignored

        output.Events.Should().Equal(
            (("x", 100L), new Timestamp(100)),
            (("mark", 500L), new Timestamp(500)),
            new Watermark(500),
            (("mark", 300L), new Timestamp(300)));
    }

    [Fact]
    public void ProcessWatermark_UpstreamWatermarks_DroppedExceptFinal()
    {
        using var task = new ManualTask();
        var (op, output) = Open(task, WatermarkStrategy<int>.ForMonotonousTimestamps());

        op.ProcessWatermark(new Watermark(10_000));
        op.ProcessWatermark(Watermark.MaxValue);

        output.Watermarks.Should().Equal(long.MaxValue);
    }

    [Fact]
    public void PeriodicEmit_WithIdleness_MarksIdleThenActiveWithNextWatermark()
    {
        using var task = new ManualTask();
        var (op, output) = Open(task, WatermarkStrategy<int>.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromSeconds(1)));
        op.ProcessElement(1, new Timestamp(1_000));
        task.Advance(Interval);

        task.Advance(TimeSpan.FromSeconds(2), Interval);
        op.ProcessElement(2, new Timestamp(2_000));
        task.Advance(Interval);

        output.Events.OfType<object>().Where(e => e is not ValueTuple<int, Timestamp>).Should().Equal(
            new Watermark(999),
            new RecordingInput<int>.StatusEvent(true),
            new RecordingInput<int>.StatusEvent(false),
            new Watermark(1_999));
    }

    [Fact]
    public void PeriodicEmit_IdleThenRecordBehindMaximum_BecomesActiveWithoutNewWatermark()
    {
        using var task = new ManualTask();
        var (op, output) = Open(task, WatermarkStrategy<int>.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromSeconds(1)));
        op.ProcessElement(1, new Timestamp(5_000));
        task.Advance(TimeSpan.FromSeconds(2), Interval);

        op.ProcessElement(2, new Timestamp(3_000)); // late, but proof the stream is alive again
        task.Advance(Interval);

        output.Statuses.Should().Equal(true, false);
        output.Watermarks.Should().Equal(4_999);
    }

    [Fact]
    public void NoWatermarks_Records_PassWithTimestampsAndNoWatermark()
    {
        using var task = new ManualTask();
        var (op, output) = Open(task, WatermarkStrategy<int>.NoWatermarks().WithTimestampAssigner((v, _) => new Timestamp(v * 10L)));

        op.ProcessElement(7, Timestamp.None);
        task.Advance(TimeSpan.FromSeconds(1), Interval);

        output.Events.Should().Equal((7, new Timestamp(70)));
    }

    private static (TimestampsAndWatermarksOperator<T> Operator, RecordingInput<T> Output) Open<T>(ManualTask task, WatermarkStrategy<T> strategy)
    {
        var output = new RecordingInput<T>();
        var op = new TimestampsAndWatermarksOperator<T>(strategy);
        op.Setup(task.CreateContext("timestamps"), output);
        op.Open();
        return (op, output);
    }

    private sealed class MarkerGenerator : IWatermarkGenerator<(string Text, long Ms)>
    {
        public void OnEvent((string Text, long Ms) value, Timestamp timestamp, IWatermarkOutput output)
        {
            if (value.Text == "mark")
            {
                output.EmitWatermark(new Watermark(timestamp));
            }
        }

        public void OnPeriodicEmit(IWatermarkOutput output)
        {
        }
    }
}

using Flinq.Functions;
using Flinq.Operators;
using Flinq.Testing;
using Flinq.Tests.Support;
using Flinq.Time;

namespace Flinq.Tests.Operators;

public sealed class TimerOrderingTests
{
    [Fact]
    public void ProcessWatermark_PassesTimer_TimerFiresBeforeWatermarkIsForwardedAndBeforeLaterRecords()
    {
        using var task = new ManualTask();
        var output = new RecordingInput<string>();
        var op = new KeyedProcessOperator<string, (string Key, long Ms), string>(new TimerAfter(500), e => e.Key);
        op.Setup(task.CreateContext("keyed"), output);
        op.Open();

        op.ProcessElement(("a", 1_000), new Timestamp(1_000)); // timer at 1500
        op.ProcessElement(("b", 1_200), new Timestamp(1_200)); // timer at 1700
        op.ProcessWatermark(new Watermark(1_499));
        op.ProcessWatermark(new Watermark(1_600));
        op.ProcessElement(("a", 1_650), new Timestamp(1_650)); // timer at 2150
        op.ProcessWatermark(new Watermark(3_000));

        output.Events.Should().Equal(
            ("record a@1000", new Timestamp(1_000)),
            ("record b@1200", new Timestamp(1_200)),
            new Watermark(1_499),
            ("timer a@1500", new Timestamp(1_500)),
            new Watermark(1_600),
            ("record a@1650", new Timestamp(1_650)),
            ("timer b@1700", new Timestamp(1_700)),
            ("timer a@2150", new Timestamp(2_150)),
            new Watermark(3_000));
    }

    [Fact]
    public void OnProcessingTime_FakeClockAdvanced_TimerFiresFromMailboxWithoutRecords()
    {
        using var task = new ManualTask(DateTimeOffset.FromUnixTimeMilliseconds(10_000));
        var output = new RecordingInput<string>();
        var op = new KeyedProcessOperator<string, (string Key, long Ms), string>(new ProcessingTimerAfter(1_000), e => e.Key);
        op.Setup(task.CreateContext("keyed"), output);
        op.Open();

        op.ProcessElement(("a", 0), Timestamp.None);
        task.Advance(TimeSpan.FromMilliseconds(999));
        output.Values.Should().Equal("record a");
        task.Advance(TimeSpan.FromMilliseconds(1));

        output.Values.Should().Equal("record a", "processing timer a@11000");
    }

    [Fact]
    public async Task Job_WatermarksBetweenRecordsAndEndOfInput_TimersFireInOrderAndAtTheEnd()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var results = env.FromScript(
                ScriptStep<(string Key, long Ms)>.Record(("a", 1_000), 1_000),
                ScriptStep<(string Key, long Ms)>.Watermark(1_400),
                ScriptStep<(string Key, long Ms)>.Record(("b", 1_450), 1_450),
                ScriptStep<(string Key, long Ms)>.Watermark(1_500),
                ScriptStep<(string Key, long Ms)>.Record(("c", 1_600), 1_600),
                ScriptStep<(string Key, long Ms)>.Record(("d", 9_000_000), 9_000_000))
            .KeyBy(e => e.Key)
            .Process(new TimerAfter(500))
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        results.Values.Should().Equal(
            "record a@1000",
            "record b@1450",
            "timer a@1500",
            "record c@1600",
            "record d@9000000",
            "timer b@1950", // the final watermark of the bounded input fires everything left, in time order
            "timer c@2100",
            "timer d@9000500");
    }

    private sealed class TimerAfter(long delayMs) : KeyedProcessFunction<string, (string Key, long Ms), string>
    {
        public override void ProcessElement((string Key, long Ms) value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            output.Collect($"record {value.Key}@{context.Timestamp.Milliseconds}");
            context.TimerService.RegisterEventTimeTimer(context.Timestamp.AddMilliseconds(delayMs));
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<string> output) =>
            output.Collect($"timer {context.CurrentKey}@{timestamp.Milliseconds}");
    }

    private sealed class ProcessingTimerAfter(long delayMs) : KeyedProcessFunction<string, (string Key, long Ms), string>
    {
        public override void ProcessElement((string Key, long Ms) value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            output.Collect("record " + value.Key);
            context.TimerService.RegisterProcessingTimeTimer(context.TimerService.CurrentProcessingTime.AddMilliseconds(delayMs));
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<string> output) =>
            output.Collect($"{(context.TimeDomain == TimeDomain.ProcessingTime ? "processing" : "event")} timer {context.CurrentKey}@{timestamp.Milliseconds}");
    }
}

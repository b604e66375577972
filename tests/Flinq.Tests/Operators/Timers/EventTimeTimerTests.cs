using Flinq.Functions;
using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Tests.Operators.Timers;

public sealed class EventTimeTimerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EventTimeTimer_BoundedInput_FiresOnTheFinalWatermark()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var source = new TimestampedSource<string>([("a", new Timestamp(1_000)), ("b", new Timestamp(2_000)), ("a", new Timestamp(3_000))]);
        var sink = env.FromSource(source, "timestamped")
            .KeyBy(k => k)
            .Process(new EventTimeAlarm(delayMs: 500))
            .Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Records.Where(r => r.Value.StartsWith("seen", StringComparison.Ordinal)).Select(r => (r.Value, r.Timestamp.Milliseconds))
            .Should().BeEquivalentTo([("seen a (watermark min)", 1_000L), ("seen b (watermark min)", 2_000L), ("seen a (watermark min)", 3_000L)]);
        sink.Records.Where(r => r.Value.StartsWith("timer", StringComparison.Ordinal)).Select(r => (r.Value, r.Timestamp.Milliseconds))
            .Should().BeEquivalentTo([("timer a@1500 EventTime", 1_500L), ("timer b@2500 EventTime", 2_500L), ("timer a@3500 EventTime", 3_500L)]);
        // Timers of one key fire in time order, after all of the key's records (the watermark arrives at the end).
        var ofA = sink.Values.Where(v => v.Contains(" a", StringComparison.Ordinal)).ToList();
        ofA.Should().Equal("seen a (watermark min)", "seen a (watermark min)", "timer a@1500 EventTime", "timer a@3500 EventTime");
    }

    [Fact]
    public async Task EventTimeTimer_DeletedOrRegisteredTwice_FiresOnlyTheLiveOnesOnce()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var source = new TimestampedSource<int>([(1, new Timestamp(100)), (2, new Timestamp(200))]);
        var sink = env.FromSource(source, "timestamped")
            .KeyBy(_ => "same key")
            .Process(new RegisterDeleteAndDuplicate())
            .Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        // Record 1 registers 1000 twice and 2000; record 2 deletes 2000 and registers 3000 twice.
        sink.Values.Should().Equal(1_000L, 3_000L);
    }

    [Fact]
    public async Task KeyedCoProcessEventTimeTimer_FiresOnceBothInputsReachTheFinalWatermark()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var orders = env.FromSource(new TimestampedSource<string>([("o1", new Timestamp(100)), ("o2", new Timestamp(200))]), "orders");
        var payments = env.FromSource(new TimestampedSource<string>([("o1", new Timestamp(150))]), "payments");
        var sink = orders.Connect(payments)
            .KeyBy(o => o, p => p)
            .Process(new UnpaidOrders())
            .Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().BeEquivalentTo([("unpaid o2", 1_200L)]);
    }

    [Fact]
    public async Task EventTimeTimer_OneUnionInputStillOpen_WatermarkIsHeldBack()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var bounded = new TimestampedSource<string>([("a", new Timestamp(1_000))]);
        var open = new TimestampedSource<string>([("b", new Timestamp(2_000))], stayOpen: true);
        var sink = env.FromSource(bounded, "bounded").Union(env.FromSource(open, "open"))
            .KeyBy(k => k)
            .Process(new EventTimeAlarm(delayMs: 1))
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("held back", cancellation.Token);

        try
        {
            await TestConditions.WaitUntilAsync(() => sink.Count == 2, TimeSpan.FromSeconds(10), "both records");
            await Task.Delay(100);
            // The bounded input's final watermark does not count while the other input has none yet.
            sink.Values.Should().AllSatisfy(v => v.Should().StartWith("seen"));
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Timers_OnNonKeyedProcessFunction_FailWithClearInvalidOperationException()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromElements(1, 2).Process(new TimerOnNonKeyed()).Name("unkeyed timers").Collect();

        var act = () => env.ExecuteWithTimeoutAsync(s_timeout);

        var error = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        error.OperatorName.Should().Be("unkeyed timers");
        error.InnerException.Should().BeOfType<InvalidOperationException>()
            .Which.Message.Should().Contain("keyed streams").And.Contain("KeyBy");
    }

    private sealed class EventTimeAlarm(long delayMs) : KeyedProcessFunction<string, string, string>
    {
        public override void ProcessElement(string value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            context.TimerService.RegisterEventTimeTimer(context.Timestamp.AddMilliseconds(delayMs));
            string watermark = context.TimerService.CurrentWatermark == Watermark.MinValue ? "min" : context.TimerService.CurrentWatermark.ToString();
            output.Collect($"seen {value} (watermark {watermark})");
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<string> output) =>
            output.Collect($"timer {context.CurrentKey}@{timestamp.Milliseconds} {context.TimeDomain}");
    }

    private sealed class RegisterDeleteAndDuplicate : KeyedProcessFunction<string, int, long>
    {
        public override void ProcessElement(int value, IKeyedProcessContext<string> context, ICollector<long> output)
        {
            var timers = context.TimerService;
            if (value == 1)
            {
                timers.RegisterEventTimeTimer(new Timestamp(1_000));
                timers.RegisterEventTimeTimer(new Timestamp(1_000));
                timers.RegisterEventTimeTimer(new Timestamp(2_000));
            }
            else
            {
                timers.DeleteEventTimeTimer(new Timestamp(2_000));
                timers.RegisterEventTimeTimer(new Timestamp(3_000));
                timers.RegisterEventTimeTimer(new Timestamp(3_000));
            }
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<long> output) =>
            output.Collect(timestamp.Milliseconds);
    }

    // An order is unpaid if no payment arrived by 1 s after it (event time); state is shared by both inputs.
    private sealed class UnpaidOrders : KeyedCoProcessFunction<string, string, string, string>
    {
        private Flinq.State.ValueState<bool> _paid = null!;

        public override void Open() => _paid = RuntimeContext.GetState(new Flinq.State.ValueStateDescriptor<bool>("paid"));

        public override void ProcessElement1(string value, IKeyedProcessContext<string> context, ICollector<string> output) =>
            context.TimerService.RegisterEventTimeTimer(context.Timestamp.AddMilliseconds(1_000));

        public override void ProcessElement2(string value, IKeyedProcessContext<string> context, ICollector<string> output) =>
            _paid.Update(true);

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<string> output)
        {
            if (!_paid.Value)
            {
                output.Collect($"unpaid {context.CurrentKey}");
            }
        }
    }

    private sealed class TimerOnNonKeyed : ProcessFunction<int, int>
    {
        public override void ProcessElement(int value, IProcessContext context, ICollector<int> output) =>
            context.TimerService.RegisterProcessingTimeTimer(context.TimerService.CurrentProcessingTime);
    }
}

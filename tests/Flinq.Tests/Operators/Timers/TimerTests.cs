using Flinq.Functions;
using Flinq.Testing;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.Operators.Timers;

public sealed class TimerTests
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
    public async Task ProcessingTimeTimer_NoRecordsArrive_FiresWhenTheClockAdvances()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2, TimeProvider = clock });
        var source = new TimestampedSource<string>([("host-a", Timestamp.None), ("host-b", Timestamp.None)], stayOpen: true);
        var sink = env.FromSource(source, "heartbeats")
            .KeyBy(h => h)
            .Process(new SilenceAlarm(TimeSpan.FromSeconds(30)))
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("silence", cancellation.Token);

        try
        {
            await TestConditions.WaitUntilAsync(() => sink.Count == 2, TimeSpan.FromSeconds(10), "both heartbeats");
            clock.Advance(TimeSpan.FromSeconds(29));
            await Task.Delay(50);
            sink.Count.Should().Be(2, "no timer is due before 30 s");

            clock.Advance(TimeSpan.FromSeconds(1));
            await TestConditions.WaitUntilAsync(() => sink.Count == 4, TimeSpan.FromSeconds(10), "both silence alarms");

            long due = clock.GetUtcNow().ToUnixTimeMilliseconds();
            sink.Records.Skip(2).Select(r => r.Value).Should().BeEquivalentTo($"silent host-a since {due - 30_000}, fired at {due}", $"silent host-b since {due - 30_000}, fired at {due}");
            sink.Records.Skip(2).Should().AllSatisfy(r => r.Timestamp.Should().Be(Timestamp.None, "records from processing-time timers carry no event time"));
            job.IsCompleted.Should().BeFalse();
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ProcessingTimeTimer_Deleted_DoesNotFire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        // The second heartbeat of host-a deletes the first alarm and sets a later one.
        var source = new TimestampedSource<string>([("host-a", Timestamp.None), ("host-a", Timestamp.None)], stayOpen: true);
        var sink = env.FromSource(source, "heartbeats")
            .KeyBy(h => h)
            .Process(new SilenceAlarm(TimeSpan.FromSeconds(30), resetOnHeartbeat: true))
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("silence", cancellation.Token);

        try
        {
            await TestConditions.WaitUntilAsync(() => sink.Count == 2, TimeSpan.FromSeconds(10), "both heartbeats");
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(50);
            sink.Count.Should().Be(2);
            clock.Advance(TimeSpan.FromSeconds(20));
            await Task.Delay(50);
            sink.Count.Should().Be(2, "the timer due at 30 s was deleted");
            clock.Advance(TimeSpan.FromSeconds(5));
            await TestConditions.WaitUntilAsync(() => sink.Count == 3, TimeSpan.FromSeconds(10), "the one live alarm, due at 35 s");
            clock.Advance(TimeSpan.FromSeconds(60));
            await Task.Delay(50);
            sink.Count.Should().Be(3, "the deleted timer never fires and the live one fired once");
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ProcessingTimeTimer_DueNow_FiresWithoutTheClockMoving()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var source = new TimestampedSource<string>([("host-a", Timestamp.None)], stayOpen: true);
        var sink = env.FromSource(source, "heartbeats")
            .KeyBy(h => h)
            .Process(new SilenceAlarm(TimeSpan.Zero))
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("due now", cancellation.Token);

        try
        {
            await TestConditions.WaitUntilAsync(() => sink.Count == 2, TimeSpan.FromSeconds(10), "the heartbeat and its alarm");
            long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            sink.Values.Should().Equal("heartbeat host-a", $"silent host-a since {now}, fired at {now}");
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ProcessingTimeTimer_RegisteredTwice_FiresOnce()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        // Both heartbeats register the same due time: the fake clock does not move between them.
        var source = new TimestampedSource<string>([("host-a", Timestamp.None), ("host-a", Timestamp.None)], stayOpen: true);
        var sink = env.FromSource(source, "heartbeats")
            .KeyBy(h => h)
            .Process(new SilenceAlarm(TimeSpan.FromSeconds(5)))
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("twice", cancellation.Token);

        try
        {
            await TestConditions.WaitUntilAsync(() => sink.Count == 2, TimeSpan.FromSeconds(10), "both heartbeats");
            clock.Advance(TimeSpan.FromSeconds(5));
            await TestConditions.WaitUntilAsync(() => sink.Count == 3, TimeSpan.FromSeconds(10), "the alarm");
            clock.Advance(TimeSpan.FromSeconds(60));
            await Task.Delay(50);
            sink.Values.Count(v => v.StartsWith("silent", StringComparison.Ordinal)).Should().Be(1);
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ProcessingTimeTimer_Throws_JobFailsNamingTheOperator()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var source = new TimestampedSource<string>([("host-a", Timestamp.None)], stayOpen: true);
        env.FromSource(source, "heartbeats")
            .KeyBy(h => h)
            .Process(new ThrowingProcessingTimer()).Name("watchdog")
            .Collect();

        var job = env.ExecuteWithTimeoutAsync(s_timeout);
        await TestConditions.WaitUntilAsync(() => source.EmittedCount == 1, TimeSpan.FromSeconds(10), "the heartbeat");
        // The timer is registered when the record is processed, right after it is emitted (same thread).
        await Task.Delay(50);
        clock.Advance(TimeSpan.FromSeconds(2));

        var act = () => job;
        var error = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        error.OperatorName.Should().Be("watchdog");
        error.InnerException.Should().BeOfType<TimeoutException>().Which.Message.Should().Be("host-a is silent");
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

    private sealed class SilenceAlarm(TimeSpan silence, bool resetOnHeartbeat = false) : KeyedProcessFunction<string, string, string>
    {
        private Dictionary<string, long> _armedPerInstance = null!;
        private Dictionary<string, long> _lastSeenPerInstance = null!;

        // Per-instance objects belong in Open: fields set in the constructor are shared between parallel copies.
        public override void Open()
        {
            _armedPerInstance = new Dictionary<string, long>();
            _lastSeenPerInstance = new Dictionary<string, long>();
        }

        public override void ProcessElement(string value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            var now = context.TimerService.CurrentProcessingTime;
            if (resetOnHeartbeat && _armedPerInstance.TryGetValue(value, out long armed))
            {
                context.TimerService.DeleteProcessingTimeTimer(new Timestamp(armed));
                // Later than the deleted one even though the fake clock has not moved.
                now = now.AddMilliseconds(5_000);
            }

            var due = now + silence;
            context.TimerService.RegisterProcessingTimeTimer(due);
            _armedPerInstance[value] = due.Milliseconds;
            _lastSeenPerInstance[value] = now.Milliseconds;
            output.Collect($"heartbeat {value}");
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<string> output)
        {
            context.TimeDomain.Should().Be(TimeDomain.ProcessingTime);
            output.Collect($"silent {context.CurrentKey} since {_lastSeenPerInstance[context.CurrentKey]}, fired at {timestamp.Milliseconds}");
        }
    }

    private sealed class ThrowingProcessingTimer : KeyedProcessFunction<string, string, string>
    {
        public override void ProcessElement(string value, IKeyedProcessContext<string> context, ICollector<string> output) =>
            context.TimerService.RegisterProcessingTimeTimer(context.TimerService.CurrentProcessingTime.AddMilliseconds(1_000));

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<string> output) =>
            throw new TimeoutException($"{context.CurrentKey} is silent");
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

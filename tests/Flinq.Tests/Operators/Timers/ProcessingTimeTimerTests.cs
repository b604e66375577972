using Flinq.Functions;
using Flinq.Testing;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.Operators.Timers;

public sealed class ProcessingTimeTimerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

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
    public async Task ProcessingTimeTimer_ClockPassesDueTimeWhileArming_StillFires()
    {
        var clock = new Flinq.Tests.TestSupport.RacingClock();
        long start = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // The alarm is due 30 s after the heartbeat; the clock jumps 60 s while its timer is being created.
        clock.AdvanceOnNextTimer(TimeSpan.FromSeconds(60));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var source = new TimestampedSource<string>([("host-a", Timestamp.None)], stayOpen: true);
        var sink = env.FromSource(source, "heartbeats")
            .KeyBy(h => h)
            .Process(new SilenceAlarm(TimeSpan.FromSeconds(30)))
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("racing", cancellation.Token);

        try
        {
            await TestConditions.WaitUntilAsync(() => sink.Count == 2, TimeSpan.FromSeconds(10), "the alarm, without another advance");
            sink.Values.Should().Equal("heartbeat host-a", $"silent host-a since {start}, fired at {start + 30_000}");
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
        var sink = env.FromSource(source, "heartbeats")
            .KeyBy(h => h)
            .Process(new ThrowingProcessingTimer()).Name("watchdog")
            .Collect();

        var job = env.ExecuteWithTimeoutAsync(s_timeout);
        await TestConditions.WaitUntilAsync(() => sink.Count == 1, TimeSpan.FromSeconds(10), "the timer to be armed");
        clock.Advance(TimeSpan.FromSeconds(2));

        var act = () => job;
        var error = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        error.OperatorName.Should().Be("watchdog");
        error.InnerException.Should().BeOfType<TimeoutException>().Which.Message.Should().Be("host-a is silent");
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
        public override void ProcessElement(string value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            context.TimerService.RegisterProcessingTimeTimer(context.TimerService.CurrentProcessingTime.AddMilliseconds(1_000));
            output.Collect($"armed {value}");
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<string> output) =>
            throw new TimeoutException($"{context.CurrentKey} is silent");
    }
}

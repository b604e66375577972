using Flinq.Connectors.Sinks;
using Flinq.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.Connectors.Sources;

public sealed class CollectionAndGeneratorSourceTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FromCollection_KeepsOrder()
    {
        var items = Enumerable.Range(0, 5_000).Select(i => $"item-{i}").ToArray();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var sink = env.FromCollection(items).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Should().Equal(items);
        sink.Records.Should().AllSatisfy(r => r.Timestamp.HasValue.Should().BeFalse());
    }

    [Fact]
    public async Task FromCollection_Empty_EndsTheJob()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var sink = env.FromCollection(Array.Empty<int>()).Map(x => x).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Count.Should().Be(0);
    }

    [Fact]
    public async Task FromGenerator_BoundedAtParallelism3_ProducesEachSequenceNumberOnce()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 3 });
        var sink = env.FromGenerator(n => n, 10_001).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Order().Should().Equal(Enumerable.Range(0, 10_001).Select(i => (long)i));
        // Instance i generates i, i + 3, ...; chained to the sink, which shows the instance.
        sink.Records.Should().AllSatisfy(r => r.Subtask.Should().Be((int)(r.Value % 3)));
    }

    [Fact]
    public void FromGenerator_NegativeCountOrRate_Throws()
    {
        var env = StreamExecutionEnvironment.Create();

        ((Action)(() => env.FromGenerator(n => n, -1))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => env.FromGenerator(n => n, recordsPerSecond: 0))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task FromGenerator_RateLimited_EmitsOnlyWhatTheRateAllowsAsTimeAdvances()
    {
        var clock = new FakeTimeProvider();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var sink = env.FromGenerator(n => n, recordsPerSecond: 10).Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("rate", cancellation.Token);

        try
        {
            // At t = 0 one record is due; at t = 1 s, 1 + 10; at t = 1.5 s, 1 + 15.
            await ExpectCountAsync(sink, 1);
            clock.Advance(TimeSpan.FromSeconds(1));
            await ExpectCountAsync(sink, 11);
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await ExpectCountAsync(sink, 16);
            clock.Advance(TimeSpan.FromMilliseconds(99));
            await ExpectCountAsync(sink, 16);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await ExpectCountAsync(sink, 17);
            sink.Values.Should().Equal(Enumerable.Range(0, 17).Select(i => (long)i));
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task FromGenerator_RateLimitedAtParallelism2_LimitsTheTotalRate()
    {
        var clock = new FakeTimeProvider();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2, TimeProvider = clock });
        var sink = env.FromGenerator(n => n, recordsPerSecond: 20).Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("rate", cancellation.Token);

        try
        {
            // Each of the 2 instances emits 10 per second, plus its first record at t = 0.
            await ExpectCountAsync(sink, 2);
            clock.Advance(TimeSpan.FromSeconds(1));
            await ExpectCountAsync(sink, 22);
            clock.Advance(TimeSpan.FromSeconds(2));
            await ExpectCountAsync(sink, 62);
            sink.Values.Order().Should().Equal(Enumerable.Range(0, 62).Select(i => (long)i));
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task FromGenerator_RateLimitedAndBounded_EndsAfterTheCount()
    {
        var clock = new FakeTimeProvider();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var sink = env.FromGenerator(n => n, count: 5, recordsPerSecond: 1).Collect();
        var job = env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        await ExpectCountAsync(sink, 1);
        clock.Advance(TimeSpan.FromSeconds(10));

        await job;
        sink.Values.Should().Equal(0L, 1L, 2L, 3L, 4L);
    }

    [Fact]
    public async Task FromGenerator_RateLimitedClockJustBeforeDue_WaitsWithoutSpinning()
    {
        // At 3 records per second the second record is due at 1/3 s = 3,333,333.33 ticks. A clock standing at
        // 3,333,333 ticks is a fraction of a tick early: the source must wait for the clock, not spin.
        var clock = new CountingTimeProvider();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var sink = env.FromGenerator(n => n, recordsPerSecond: 3).Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("rate", cancellation.Token);

        try
        {
            await ExpectCountAsync(sink, 1);
            clock.Advance(TimeSpan.FromTicks(3_333_333));
            await ExpectCountAsync(sink, 1);
            await Task.Delay(100);
            clock.TimersCreated.Should().BeLessThan(10, "a source waiting for its rate re-arms its timer once, not in a loop");
            clock.Advance(TimeSpan.FromTicks(1));
            await ExpectCountAsync(sink, 2);
            clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(3_333_334));
            await ExpectCountAsync(sink, 4);
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task FromGenerator_ClockPassesDueTimeWhileArming_DoesNotStall()
    {
        var clock = new Flinq.Tests.TestSupport.RacingClock();
        // Record 0 goes out at t = 0; record 1 is due at 1 s, and the clock jumps 5 s while that timer is created.
        clock.AdvanceOnNextTimer(TimeSpan.FromSeconds(5));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var sink = env.FromGenerator(n => n, recordsPerSecond: 1).Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("racing", cancellation.Token);

        try
        {
            await ExpectCountAsync(sink, 6);
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private sealed class CountingTimeProvider : FakeTimeProvider
    {
        private int _timersCreated;

        public int TimersCreated => Volatile.Read(ref _timersCreated);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timersCreated);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    // Waits for the count, then gives the task time to run past it: a source that over-emits would show it.
    private static async Task ExpectCountAsync(CollectSink<long> sink, int expected)
    {
        await TestConditions.WaitUntilAsync(() => sink.Count >= expected, TimeSpan.FromSeconds(10), $"{expected} records");
        await Task.Delay(50);
        sink.Count.Should().Be(expected);
    }
}

using Flinq.Functions;
using Flinq.Testing;
using Flinq.Tests.Support;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.Time;

/// <summary>End-to-end: idleness travels through exchanges so a silent source instance does not stall event time downstream.</summary>
public sealed class IdleSourceJobTests
{
    [Fact]
    public async Task FromSource_OneParallelInstanceSilentWithIdleness_DownstreamEventTimersFire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2, TimeProvider = clock });
        var source = new SplitScriptSource<string>(2, stayOpen: true)
            .Enqueue(0, null, "a", 1_000)
            .Enqueue(0, null, "b", 5_000); // instance 1 never emits anything
        var strategy = WatermarkStrategy<string>.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromMilliseconds(500));
        var fired = env.FromSource(source, strategy, "two instances")
            .KeyBy(_ => "k")
            .Process(new FireAtTimestamp())
            .Collect();

        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("idle", cancellation.Token);
        try
        {
            await AdvanceUntil(clock, () => fired.Values.Contains("timer a@1000"), job);
        }
        finally
        {
            await cancellation.CancelAsync();
            await job.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        fired.Values.Should().Contain("timer a@1000");
    }

    [Fact]
    public async Task FromSource_OneParallelInstanceSilentWithoutIdleness_DownstreamWatermarkStaysAtMinimum()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2, TimeProvider = clock });
        var source = new SplitScriptSource<string>(2, stayOpen: true)
            .Enqueue(0, null, "a", 1_000)
            .Enqueue(0, null, "b", 5_000);
        var seen = env.FromSource(source, WatermarkStrategy<string>.ForMonotonousTimestamps(), "two instances")
            .KeyBy(_ => "k")
            .Process(new ReportWatermark())
            .Collect();

        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("not idle", cancellation.Token);
        try
        {
            await Wait.UntilAsync(() => seen.Count == 2, job, "first records");
            for (int i = 0; i < 30; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100)); // instance 0 emits watermark 4999 periodically
                await Task.Delay(2);
            }

            source.Enqueue(0, null, "c", 9_000);
            await Wait.UntilAsync(() => seen.Count == 3, job, "probe record");
        }
        finally
        {
            await cancellation.CancelAsync();
            await job.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        seen.Values[2].Should().Be("c wm=min", "the silent instance was never marked idle, so it holds the minimum back");
    }

    private sealed class ReportWatermark : KeyedProcessFunction<string, string, string>
    {
        public override void ProcessElement(string value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            var watermark = context.TimerService.CurrentWatermark;
            output.Collect($"{value} wm={(watermark == Watermark.MinValue ? "min" : watermark.Milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        }
    }

    [Fact]
    public async Task AssignTimestampsAndWatermarks_DisorderWithinBound_NoRecordIsLate()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, AutoWatermarkInterval = TimeSpan.Zero });
        var results = env.FromScript(
                ScriptStep<(string Name, long Ms)>.Record(("a", 1_000)),
                ScriptStep<(string Name, long Ms)>.Record(("b", 4_000)),
                ScriptStep<(string Name, long Ms)>.Record(("c", 2_500)))
            .AssignTimestampsAndWatermarks(WatermarkStrategy<(string Name, long Ms)>
                .ForGenerator(_ => new EveryRecord(TimeSpan.FromSeconds(2)))
                .WithTimestampAssigner(e => e.Ms))
            .KeyBy(_ => 0)
            .Process(new LateMarker())
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        // Watermark after b is 4000 - 2000 - 1 = 1999; c (2500) is within the bound, so not late.
        results.Values.Should().Equal("a on time (wm min)", "b on time (wm -1001)", "c on time (wm 1999)");
    }

    private static async Task AdvanceUntil(FakeTimeProvider clock, Func<bool> condition, Task job)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (job.IsCompleted)
            {
                await job; // surface a failure
                throw new InvalidOperationException("The job ended before the condition held.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 20 s.");
            }

            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }
    }

    private sealed class FireAtTimestamp : KeyedProcessFunction<string, string, string>
    {
        private Flinq.State.ValueState<string> _first = null!;

        public override void Open() => _first = RuntimeContext.GetState(new Flinq.State.ValueStateDescriptor<string>("first"));

        public override void ProcessElement(string value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            if (!_first.HasValue)
            {
                _first.Update($"{value}@{context.Timestamp.Milliseconds}");
                context.TimerService.RegisterEventTimeTimer(context.Timestamp);
            }
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<string> output) => output.Collect("timer " + _first.Value);
    }

    private sealed class LateMarker : KeyedProcessFunction<int, (string Name, long Ms), string>
    {
        public override void ProcessElement((string Name, long Ms) value, IKeyedProcessContext<int> context, ICollector<string> output)
        {
            var watermark = context.TimerService.CurrentWatermark;
            string wm = watermark == Watermark.MinValue ? "min" : watermark.Milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string late = context.Timestamp.Milliseconds <= watermark.Milliseconds ? "late" : "on time";
            output.Collect($"{value.Name} {late} (wm {wm})");
        }
    }

    /// <summary>Bounded out-of-orderness, emitted after every record (so the test needs no clock).</summary>
    private sealed class EveryRecord(TimeSpan bound) : IWatermarkGenerator<(string Name, long Ms)>
    {
        private readonly BoundedOutOfOrdernessWatermarks<(string Name, long Ms)> _inner = new(bound);

        public void OnEvent((string Name, long Ms) value, Timestamp timestamp, IWatermarkOutput output)
        {
            _inner.OnEvent(value, timestamp, output);
            _inner.OnPeriodicEmit(output);
        }

        public void OnPeriodicEmit(IWatermarkOutput output)
        {
        }
    }
}

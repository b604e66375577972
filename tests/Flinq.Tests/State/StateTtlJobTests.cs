using Flinq.Functions;
using Flinq.State;
using Flinq.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.State;

public sealed class StateTtlJobTests
{
    [Fact]
    public async Task KeyedProcess_TtlState_ExpiresOnTheJobsProcessingTimeClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var source = new SplitScriptSource<(string Key, int Value)>(1, stayOpen: true);
        var output = Flinq.Testing.JobTestExtensions.Collect(env.FromSource(source, "events").KeyBy(e => e.Key).Process(new RememberLast()));
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("ttl", cancellation.Token);
        try
        {
            async Task Send(int value, int expectedCount)
            {
                source.Enqueue(0, null, ("a", value), 0);
                await Wait.UntilAsync(() => output.Count == expectedCount, job, "record " + value);
            }

            await Send(1, 1);
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Send(2, 2);
            clock.Advance(TimeSpan.FromSeconds(1));
            await Send(3, 3);
        }
        finally
        {
            await cancellation.CancelAsync();
            await job.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        output.Values.Should().Equal("1 after none", "2 after 1", "3 after none");
    }

    private sealed class RememberLast : KeyedProcessFunction<string, (string Key, int Value), string>
    {
        private ValueState<int> _last = null!;

        public override void Open()
        {
            var descriptor = new ValueStateDescriptor<int>("last");
            descriptor.EnableTimeToLive(new StateTtlConfig(TimeSpan.FromSeconds(1)));
            _last = RuntimeContext.GetState(descriptor);
        }

        public override void ProcessElement((string Key, int Value) value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            output.Collect($"{value.Value} after {(_last.HasValue ? _last.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}");
            _last.Update(value.Value);
        }
    }
}

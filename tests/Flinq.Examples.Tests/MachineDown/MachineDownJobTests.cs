using Flinq.Examples.MachineDown;
using Flinq.Examples.Tests.TestSupport;
using Flinq.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Examples.Tests.MachineDown;

public sealed class MachineDownJobTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Build_AllHostsStopAtOnce_EachGoesDownOnceThenRecoversOnce()
    {
        var clock = new FakeTimeProvider(s_start);
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var source = new PushSource<MetricEvent>();
        var alerts = MachineDownJob.Build(env.FromSource(source, "metrics"), TimeSpan.FromSeconds(30)).Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("machine down", cancellation.Token);
        try
        {
            source.Push(new MetricEvent("a"));
            source.Push(new MetricEvent("b", "cpu", 0.5));
            source.Push(new MetricEvent("c"));
            await TestConditions.WaitUntilAsync(() => source.Emitted == 3, s_wait, "three reports read");
            await Task.Delay(100); // let the keyed operator take them before the clock moves

            clock.Advance(TimeSpan.FromSeconds(10));
            source.Push(new MetricEvent("a")); // a reports again at 10 s: its deadline moves to 40 s
            await TestConditions.WaitUntilAsync(() => source.Emitted == 4, s_wait, "a's second report read");
            await Task.Delay(100);

            clock.Advance(TimeSpan.FromSeconds(20)); // 30 s: b and c are silent for 30 s; nothing arrives at all
            await TestConditions.WaitUntilAsync(() => alerts.Count == 2, s_wait, "b and c DOWN");
            clock.Advance(TimeSpan.FromSeconds(10)); // 40 s: a too
            await TestConditions.WaitUntilAsync(() => alerts.Count == 3, s_wait, "a DOWN");
            clock.Advance(TimeSpan.FromMinutes(5));  // silence goes on: no repeated DOWN
            await Task.Delay(200);
            alerts.Count.Should().Be(3);

            source.Push(new MetricEvent("b"));
            await TestConditions.WaitUntilAsync(() => alerts.Count == 4, s_wait, "b RECOVERED");
            source.Push(new MetricEvent("b"));
            await TestConditions.WaitUntilAsync(() => source.Emitted == 6, s_wait, "b's next report read");
            await Task.Delay(100);

            alerts.Values.Should().Equal(
                new HostStatus("b", "DOWN", "2026-01-01T00:00:30.000Z", "2026-01-01T00:00:00.000Z"),
                new HostStatus("c", "DOWN", "2026-01-01T00:00:30.000Z", "2026-01-01T00:00:00.000Z"),
                new HostStatus("a", "DOWN", "2026-01-01T00:00:40.000Z", "2026-01-01T00:00:10.000Z"),
                new HostStatus("b", "RECOVERED", "2026-01-01T00:05:40.000Z", "2026-01-01T00:00:00.000Z"));

            clock.Advance(TimeSpan.FromSeconds(30)); // b silent again for 30 s after recovering: DOWN again
            await TestConditions.WaitUntilAsync(() => alerts.Count == 5, s_wait, "b DOWN again");
            alerts.Values[^1].Should().Be(new HostStatus("b", "DOWN", "2026-01-01T00:06:10.000Z", "2026-01-01T00:05:40.000Z"));
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}

using System.Text.Json;
using Flinq.Checkpointing;
using Flinq.Testing;
using Flinq.Tests.Support;
using Flinq.Tests.TestSupport;
using Flinq.Time;

namespace Flinq.Tests.Metrics;

public sealed class JobMetricsTests
{
    [Fact]
    public async Task GetMetrics_BoundedJob_CountsEveryRecordExactlyPerTask()
    {
        // Source + filter (one chain, p=2) → keyBy → map + sink (one chain, p=2).
        const long records = 10_000;
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2, BatchSize = 64 });
        var sink = env.FromGenerator(n => n, records)
            .Filter(n => n % 4 != 0)
            .KeyBy(n => n % 7)
            .Map(n => n * 2)
            .Collect();
        var client = env.Start("counted");

        await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var metrics = client.GetMetrics();

        metrics.JobName.Should().Be("counted");
        metrics.Vertices.Should().HaveCount(2);
        var (source, keyed) = (metrics.Vertices[0], metrics.Vertices[1]);
        source.Subtasks.Should().HaveCount(2);
        source.RecordsIn.Should().Be(records, "a source task's records in are the records its source emitted");
        source.RecordsOut.Should().Be(records * 3 / 4, "a quarter is filtered out inside the chain");
        keyed.RecordsIn.Should().Be(records * 3 / 4);
        keyed.RecordsOut.Should().Be(records * 3 / 4, "records handed to the chained sink count as out");
        keyed.Subtasks.Sum(s => s.RecordsIn).Should().Be(keyed.RecordsIn);
        sink.Values.Should().HaveCount((int)(records * 3 / 4));
    }

    [Fact]
    public async Task GetMetrics_Broadcast_CountsEachRecordOnceOutAndOncePerConsumerIn()
    {
        const long records = 1_000;
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        env.FromGenerator(n => n, records).SetParallelism(1)
            .Broadcast()
            .Map(n => n + 1)
            .Collect();
        var client = env.Start("broadcast");

        await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var metrics = client.GetMetrics();

        metrics.Vertices[0].RecordsOut.Should().Be(records);
        metrics.Vertices[1].RecordsIn.Should().Be(records * 2);
        metrics.Vertices[1].Subtasks.Should().OnlyContain(s => s.RecordsIn == records);
    }

    [Fact]
    public async Task GetMetrics_VertexIds_MatchTheExecutionPlansTasks()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromGenerator(n => n, 100)
            .Map(n => n).DisableChaining()
            .Filter(n => n > 10)
            .Collect();
        var client = env.Start("plan");
        await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var metrics = client.GetMetrics();
        using var plan = JsonDocument.Parse(client.GetExecutionPlan());

        var tasks = plan.RootElement.GetProperty("tasks").EnumerateArray()
            .Select(t => (Id: t.GetProperty("id").GetInt32(), Name: t.GetProperty("name").GetString()!, Operators: t.GetProperty("operators").EnumerateArray().Select(o => o.GetInt32()).ToArray()))
            .ToArray();
        metrics.Vertices.Select(v => (v.Id, v.Name)).Should().Equal(tasks.Select(t => (t.Id, t.Name)));
        metrics.Vertices.Select(v => v.OperatorIds).Should().BeEquivalentTo(tasks.Select(t => t.Operators), o => o.WithStrictOrdering());
        metrics.Vertices.Sum(v => v.OperatorIds.Count).Should().Be(plan.RootElement.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task GetMetrics_EventTimeJob_ReportsInputAndOutputWatermarks()
    {
        // Timestamps 1..500 with monotonous watermarks; the source then stays open, so the watermark stays where
        // the records left it (a bounded source would end with the final watermark).
        var steps = Enumerable.Range(1, 500).Select(i => ScriptStep<long>.Record(i, i)).Append(ScriptStep<long>.Watermark(500));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromSource(new ScriptedSource<long>(steps, stayOpen: true), "Scripted")
            .Rebalance()
            .Map(n => n)
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var client = env.Start("watermarks", cancellation.Token);

        await Wait.UntilAsync(() => client.GetMetrics().Vertices[1].InputWatermark is { } w && w.Milliseconds == 500, client.Completion, "the map task's input watermark reaching 500");
        var metrics = client.GetMetrics();
        await cancellation.CancelAsync();

        metrics.Vertices[0].InputWatermark.Should().BeNull("a source task has no input");
        metrics.Vertices[0].OutputWatermark.Should().Be(new Watermark(500));
        metrics.Vertices[1].OutputWatermark.Should().Be(new Watermark(500), "the chained sink received the watermark");
        metrics.Vertices[1].RecordsIn.Should().Be(500);
    }

    [Fact]
    public async Task GetMetrics_BoundedEventTimeJob_EndsWithTheFinalWatermark()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromGenerator(n => n, WatermarkStrategy<long>.ForMonotonousTimestamps().WithTimestampAssigner(n => n), 1_000)
            .Rebalance()
            .Map(n => n)
            .Collect();
        var client = env.Start("final watermark");
        await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        var metrics = client.GetMetrics();

        metrics.Vertices[1].InputWatermark.Should().Be(Watermark.MaxValue);
        metrics.Vertices[0].OutputWatermark.Should().Be(Watermark.MaxValue);
    }

    [Fact]
    public async Task GetMetrics_SlowSinkBehindExchange_SourceIsBackPressured()
    {
        var options = new StreamExecutionOptions { Parallelism = 1, BatchSize = 16, ChannelCapacity = 2 };
        var env = StreamExecutionEnvironment.Create(options);
        env.FromGenerator(n => n) // unbounded and as fast as it can
            .Rebalance()
            .SinkTo(new SlowSink<long>(sleepEvery: 100, TimeSpan.FromMilliseconds(5)), "Slow");
        using var cancellation = new CancellationTokenSource();
        var client = env.Start("backpressure", cancellation.Token);

        await Wait.UntilAsync(() => client.GetMetrics().Vertices[0].Subtasks[0].BackPressuredTime > TimeSpan.Zero, client.Completion, "the source task being blocked on its full output channel");
        var earlier = client.GetMetrics().Vertices[0].Subtasks[0];
        await Wait.UntilAsync(() => client.GetMetrics().Vertices[0].Subtasks[0].Uptime > earlier.Uptime, client.Completion, "time passing");
        var source = client.GetMetrics().Vertices[0].Subtasks[0];
        await cancellation.CancelAsync();

        source.BackPressuredRatioSince(null).Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(1);
        source.BackPressuredRatioSince(earlier).Should().BeInRange(0, 1);
        source.BusyTime.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);
        (source.BackPressuredTime + source.IdleTime + source.BusyTime).Should().Be(source.Uptime);
        source.RecordsOut.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task GetMetrics_CheckpointingJob_ListsCompletedCheckpointsWithTriggerTimeAndSize()
    {
        using var directory = new TempDirectory();
        var options = new StreamExecutionOptions { Parallelism = 1 };
        options.Checkpointing.Interval = TimeSpan.FromMilliseconds(50);
        options.Checkpointing.Directory = directory.Path;
        var env = StreamExecutionEnvironment.Create(options);
        env.FromGenerator(n => n, recordsPerSecond: 2_000)
            .KeyBy(n => n % 10)
            .Sum(n => n)
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var client = env.Start("checkpointed", cancellation.Token);

        await Wait.UntilAsync(() => client.GetMetrics().Checkpoints.Count(c => c.Status == CheckpointStatus.Completed) >= 2, client.Completion, "two completed checkpoints");
        var checkpoints = client.GetMetrics().Checkpoints;
        await cancellation.CancelAsync();

        var completed = checkpoints.Where(c => c.Status == CheckpointStatus.Completed).ToArray();
        completed.Select(c => c.CheckpointId).Should().BeInAscendingOrder();
        completed.Should().OnlyContain(c => c.SizeBytes > 0 && c.FailureReason == null && c.TriggeredAt <= c.CompletedAt);
        completed.Select(c => c.CheckpointId).Should().BeSubsetOf(client.Checkpoints.Select(c => c.CheckpointId));
    }

    [Fact]
    public void SubtaskMetrics_RatioSince_UsesTheDifferenceAndStartsOverAfterARestart()
    {
        var earlier = new SubtaskMetrics(0, 10, 10, null, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        var later = earlier with { Uptime = TimeSpan.FromSeconds(14), BackPressuredTime = TimeSpan.FromSeconds(5), IdleTime = TimeSpan.FromSeconds(3) };
        var restarted = earlier with { Uptime = TimeSpan.FromSeconds(4), BackPressuredTime = TimeSpan.FromSeconds(1), IdleTime = TimeSpan.Zero };

        later.BackPressuredRatioSince(earlier).Should().Be(0.75);
        later.IdleRatioSince(earlier).Should().Be(0);
        later.BusyRatioSince(earlier).Should().Be(0.25);
        restarted.BackPressuredRatioSince(earlier).Should().Be(0.25, "an earlier snapshot with more uptime is from before a restart");
        earlier.BackPressuredRatioSince(earlier).Should().Be(0, "no time passed");
    }
}

using Flinq.Functions;
using Flinq.State;
using Flinq.CrashTest;
using Flinq.Testing;

namespace Flinq.Tests.Checkpointing;

public sealed class SavepointTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-savepoint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 4)]
    [InlineData(1, 3)]
    public async Task StopWithSavepoint_ResumeAtOtherParallelism_CommittedOutputEqualsUninterruptedRun(int before, int after)
    {
        const long records = 5000;
        string output = Path.Combine(_root, "out");
        var first = StreamExecutionEnvironment.Create(CheckpointingJob.Options(Path.Combine(_root, "chk"), before));
        CheckpointingJob.Build(first, records, recordsPerSecond: 2000, output);
        var client = first.Start("before");
        await WaitUntilAsync(() => CheckpointingJob.Committed(output).Count > 300);

        string savepoint = await client.StopWithSavepointAsync(Path.Combine(_root, "savepoints"));
        var stopped = await client.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        stopped.Savepoint.Should().Be(savepoint);
        CheckpointingJob.Committed(output).Count.Should().BeLessThan((int)records, "the job was stopped before its input ended");

        var options = CheckpointingJob.Options(Path.Combine(_root, "chk-after"), after);
        options.Checkpointing.RestorePath = savepoint;
        var second = StreamExecutionEnvironment.Create(options);
        CheckpointingJob.Build(second, records, recordsPerSecond: 20000, output);
        await second.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60), "after");

        CheckpointingJob.Committed(output).Should().Equal(CheckpointingJob.Expected(records));
    }

    [Fact]
    public async Task Restore_StateTypeWithAddedField_ReadsOldStateWithDefault()
    {
        string savepoint = await RunThenSavepointAsync([("a", 1), ("a", 2), ("b", 5)], (input, env) =>
            input.KeyBy(e => e.Item1)
                .Process(new Remember<TotalV1>(v => new TotalV1(v), (t, v) => t with { Sum = t.Sum + v })).Uid("totals")
                .Collect());

        var options = new StreamExecutionOptions { Parallelism = 1, Checkpointing = { RestorePath = savepoint } };
        var env = StreamExecutionEnvironment.Create(options);
        var totals = env.FromElements(("a", 10), ("c", 1)).Uid("src")
            .KeyBy(e => e.Item1)
            .Process(new Remember<TotalV2>(v => new TotalV2(v, "EUR"), (t, v) => t with { Sum = t.Sum + v })).Uid("totals")
            .Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        totals.Values.Should().Equal(new TotalV2(13, null), new TotalV2(1, "EUR"));
    }

    [Fact]
    public async Task Start_RestorePathMissing_FailsWithClearError()
    {
        var options = new StreamExecutionOptions { Checkpointing = { RestorePath = Path.Combine(_root, "missing") } };
        var env = StreamExecutionEnvironment.Create(options);
        env.FromElements(1).Collect();

        var act = () => env.ExecuteAsync();

        (await act.Should().ThrowAsync<DirectoryNotFoundException>()).WithMessage("*No checkpoint or savepoint at*missing*");
    }

    [Fact]
    public async Task Restore_CheckpointWithUnknownOperator_FailsNamingIt()
    {
        string savepoint = await RunThenSavepointAsync([("a", 1)], (input, env) =>
            input.KeyBy(e => e.Item1).Sum(e => e.Item2).Uid("old-sum").Collect());
        var options = new StreamExecutionOptions { Parallelism = 1, Checkpointing = { RestorePath = savepoint } };
        var env = StreamExecutionEnvironment.Create(options);
        env.FromElements(("a", 1)).Uid("src").KeyBy(e => e.Item1).Sum(e => e.Item2).Uid("new-sum").Collect();

        var act = () => env.ExecuteAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*old-sum*Uid*");
    }

    // Plays the elements through a job whose source then stays open, waits until the sink saw one output per
    // element, stops the job with a savepoint and returns its path.
    private async Task<string> RunThenSavepointAsync<TOut>((string, int)[] elements, Func<DataStream<(string, int)>, StreamExecutionEnvironment, Flinq.Connectors.Sinks.CollectSink<TOut>> build)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var steps = elements.Select(e => ScriptStep<(string, int)>.Record(e));
        var input = env.FromSource(new ScriptedSource<(string, int)>(steps, stayOpen: true), "Scripted").Uid("src");
        var sink = build(input, env);
        var client = env.Start("with savepoint");
        await WaitUntilAsync(() => sink.Count == elements.Length);
        string savepoint = await client.StopWithSavepointAsync(Path.Combine(_root, "savepoints"));
        (await client.Completion.WaitAsync(TimeSpan.FromSeconds(30))).Savepoint.Should().Be(savepoint);
        return savepoint;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true within 30 s.");
            }

            await Task.Delay(20);
        }
    }

    public sealed record TotalV1(int Sum);

    public sealed record TotalV2(int Sum, string? Currency);

    private sealed class Remember<TState>(Func<int, TState> create, Func<TState, int, TState> add) : KeyedProcessFunction<string, (string, int), TState>
    {
        private ValueState<TState> _state = null!;

        public override void Open() => _state = RuntimeContext.GetState(new ValueStateDescriptor<TState>("total"));

        public override void ProcessElement((string, int) value, IKeyedProcessContext<string> context, ICollector<TState> output)
        {
            var next = _state.HasValue ? add(_state.Value!, value.Item2) : create(value.Item2);
            _state.Update(next);
            output.Collect(next);
        }
    }
}

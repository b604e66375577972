using Flinq.CrashTest;
using Flinq.Functions;
using Flinq.Testing;

namespace Flinq.Tests.Checkpointing;

/// <summary>
/// The final checkpoint after the end of a bounded input (Flink's FLIP-147): the tail of the input is committed
/// under a checkpoint, so a failure right at the end neither loses nor repeats it.
/// </summary>
public sealed class FinalCheckpointTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-final-checkpoint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ExecuteAsync_BoundedInput_EndsWithACheckpointTakenAfterAllRecords(int parallelism)
    {
        const long records = 3000;
        string output = Path.Combine(_root, "out");
        var options = CheckpointingJob.Options(Path.Combine(_root, "chk"), parallelism);
        options.Checkpointing.Interval = TimeSpan.FromSeconds(30); // no periodic checkpoint happens in this short run
        var env = StreamExecutionEnvironment.Create(options);
        CheckpointingJob.Build(env, records, recordsPerSecond: double.PositiveInfinity, output);

        var result = await env.ExecuteAsync("final checkpoint").WaitAsync(TimeSpan.FromSeconds(60));

        result.Checkpoints.Should().ContainSingle("the only checkpoint is the final one");
        CheckpointingJob.Committed(output).Should().Equal(CheckpointingJob.Expected(records));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ExecuteAsync_FailureAfterTheInputEndedAndTheTailWasCommitted_CommitsNothingTwice(int parallelism)
    {
        const long records = 4000;
        string output = Path.Combine(_root, "out");
        var options = CheckpointingJob.Options(Path.Combine(_root, "chk"), parallelism);
        var env = StreamExecutionEnvironment.Create(options);
        CheckpointingJob.Build(env, records, recordsPerSecond: 20_000, output);
        // One more branch whose last instance fails when it closes, once: after the end of the input, when the
        // sinks of the other branches have committed their tail. The restart must not write that tail again.
        var failOnce = new FailOnce();
        env.FromElements(1L, 2L, 3L).Uid("one-two-three").Process(new FailingOnClose(failOnce, parallelism - 1)).Uid("fails-on-close")
            .Collect();

        var result = await env.ExecuteAsync("failure at the end").WaitAsync(TimeSpan.FromSeconds(120));

        result.Restarts.Should().Be(1);
        failOnce.Failed.Should().BeTrue();
        CheckpointingJob.Committed(output).Should().Equal(CheckpointingJob.Expected(records));
    }

    private sealed class FailOnce
    {
        private int _failed;

        public bool Failed => Volatile.Read(ref _failed) == 1;

        public bool TryFail() => Interlocked.Exchange(ref _failed, 1) == 0;
    }

    private sealed class FailingOnClose(FailOnce failOnce, int subtask) : ProcessFunction<long, long>
    {
        public override void ProcessElement(long value, IProcessContext context, ICollector<long> output) => output.Collect(value);

        public override void Close()
        {
            if (RuntimeContext.SubtaskIndex == subtask && failOnce.TryFail())
            {
                throw new InvalidOperationException("injected failure after the end of the input");
            }
        }
    }
}

using Flinq.Testing;
using Flinq.Tests.Support;

namespace Flinq.Tests.Checkpointing;

public sealed class RecoveryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-recovery-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 11)]
    public async Task ExecuteAsync_FailuresInsideOperator_CommittedOutputEqualsRunWithoutFailures(int parallelism, int seed)
    {
        const long records = 6000;
        var random = new Random(seed);
        var failurePoints = new HashSet<long> { random.NextInt64(500, 2500), random.NextInt64(3000, 5500) };
        var failed = new HashSet<long>();
        string output = Path.Combine(_root, "out");
        var logs = new ListLoggerFactory();
        var options = CheckpointingJob.Options(Path.Combine(_root, "chk"), parallelism);
        options.LoggerFactory = logs;
        var env = StreamExecutionEnvironment.Create(options);
        CheckpointingJob.Build(env, records, recordsPerSecond: 8000, output, failAt: n =>
        {
            lock (failed)
            {
                // Each failure point fails once: the replay after recovery passes it.
                return failurePoints.Contains(n) && failed.Add(n);
            }
        });

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60));

        result.Restarts.Should().Be(2, string.Join(Environment.NewLine, logs.Lines.Where(l => !l.StartsWith("Information", StringComparison.Ordinal))));
        CheckpointingJob.Committed(output).Should().Equal(CheckpointingJob.Expected(records));
    }
}

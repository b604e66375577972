using CsCheck;
using Flinq.CrashTest;
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

    [Fact]
    public async Task ExecuteAsync_RandomCrashPoints_CommittedOutputEqualsRunWithoutFailures()
    {
        // Seeded, so a failure reproduces: parallelism 1-3 and one to three failure points anywhere in the input.
        const long records = 3000;
        var cases = Gen.Select(Gen.Int[1, 3], Gen.Long[1, records - 1].Array[1, 3]);
        await cases.SampleAsync(async (parallelism, points) =>
        {
            string root = Path.Combine(_root, Guid.NewGuid().ToString("N"));
            var failurePoints = points.ToHashSet();
            var failed = new HashSet<long>();
            var options = CheckpointingJob.Options(Path.Combine(root, "chk"), parallelism);
            var env = StreamExecutionEnvironment.Create(options);
            CheckpointingJob.Build(env, records, recordsPerSecond: 10000, Path.Combine(root, "out"), failAt: n =>
            {
                lock (failed)
                {
                    return failurePoints.Contains(n) && failed.Add(n);
                }
            });

            var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60));

            // Two failure points in different parallel instances can fail one attempt together.
            result.Restarts.Should().BeInRange(1, failurePoints.Count);
            CheckpointingJob.Committed(Path.Combine(root, "out")).Should().Equal(CheckpointingJob.Expected(records));
        }, iter: 6, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public async Task ExecuteAsync_AtLeastOnceMode_LosesNothing()
    {
        const long records = 4000;
        var failed = 0;
        var options = CheckpointingJob.Options(Path.Combine(_root, "chk"), parallelism: 2);
        options.Checkpointing.Mode = Flinq.Checkpointing.CheckpointingMode.AtLeastOnce;
        var env = StreamExecutionEnvironment.Create(options);
        string output = Path.Combine(_root, "out");
        CheckpointingJob.Build(env, records, recordsPerSecond: 8000, output, failAt: n => n == 2500 && Interlocked.Exchange(ref failed, 1) == 0);

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60));

        result.Restarts.Should().Be(1);
        // Without alignment a record may be counted twice after recovery, but none may be missing: every running
        // count appears, and every window counts at least its records.
        var committed = CheckpointingJob.Committed(output);
        var expected = CheckpointingJob.Expected(records);
        committed.Should().Contain(expected.Where(l => !l.StartsWith("w,", StringComparison.Ordinal)));
        var windows = committed.Where(l => l.StartsWith("w,", StringComparison.Ordinal))
            .Select(l => l.Split(','))
            .GroupBy(p => (p[1], p[2]))
            .ToDictionary(g => g.Key, g => g.Max(p => long.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var line in expected.Where(l => l.StartsWith("w,", StringComparison.Ordinal)))
        {
            var p = line.Split(',');
            windows.Should().ContainKey((p[1], p[2]));
            windows[(p[1], p[2])].Should().BeGreaterThanOrEqualTo(long.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

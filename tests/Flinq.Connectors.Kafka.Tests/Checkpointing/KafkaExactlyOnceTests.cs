using Flinq.Connectors.Kafka.Testing;
using Flinq.Testing;

namespace Flinq.Connectors.Kafka.Tests.Checkpointing;

public sealed class KafkaExactlyOnceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-kafka-eos-" + Guid.NewGuid().ToString("N"));

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
    public async Task ExactlyOnce_FailuresWhileAProducerKeepsWriting_ReadCommittedOutputEqualsRunWithoutFailures(int parallelism, int seed)
    {
        const int perPartition = 750;
        long records = perPartition * KafkaExactlyOnceJob.Partitions;
        await using var cluster = MockCluster.Start(brokers: 3);
        KafkaExactlyOnceJob.CreateTopics(cluster);
        var random = new Random(seed);
        var failurePoints = new HashSet<long> { random.NextInt64(300, 1200), random.NextInt64(1500, 2800) };
        var failed = new HashSet<long>();
        var env = StreamExecutionEnvironment.Create(KafkaExactlyOnceJob.Options(Path.Combine(_root, "chk"), parallelism));
        var sink = KafkaExactlyOnceJob.Build(env, cluster, perPartition, failAt: n =>
        {
            lock (failed)
            {
                return failurePoints.Contains(n) && failed.Add(n); // each point fails once: the replay passes it
            }
        });
        using var stop = new CancellationTokenSource();
        var producing = KafkaExactlyOnceJob.ProduceAsync(cluster, perPartition, stop.Token);

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(90));
        await producing;

        result.Restarts.Should().Be(2);
        sink.Metrics.RecordsWritten.Should().BeGreaterThanOrEqualTo(records, "replayed records reach the sink again");
        KafkaExactlyOnceJob.ReadCommitted(cluster, "out", (int)records).Should().Equal(KafkaExactlyOnceJob.Expected(records));
    }

    [Fact]
    public async Task ExactlyOnce_CrashAfterCheckpointCompletedBeforeCommit_RecoveryRewritesThatTransactionOnce()
    {
        const int perPartition = 1000;
        long records = perPartition * KafkaExactlyOnceJob.Partitions;
        await using var cluster = MockCluster.Start(brokers: 3);
        KafkaExactlyOnceJob.CreateTopics(cluster);
        var env = StreamExecutionEnvironment.Create(KafkaExactlyOnceJob.Options(Path.Combine(_root, "chk"), parallelism: 2));
        int failures = 0;
        var sink = KafkaExactlyOnceJob.Build(env, cluster, perPartition, failAt: null);
        // The first completed checkpoint whose transaction holds records fails before its commit, once.
        sink.FailBeforeCommit = _ => Interlocked.Increment(ref failures) == 1;
        using var stop = new CancellationTokenSource();
        // The last records are written only after the injected failure: the job cannot end before it.
        var producing = KafkaExactlyOnceJob.ProduceAsync(cluster, perPartition, stop.Token, pauseMs: 10, beforeLastBatch: () => Volatile.Read(ref failures) > 0);

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(90));
        await producing;

        result.Restarts.Should().Be(1);
        sink.Metrics.RecordsRewrittenOnRecovery.Should().BePositive("the uncommitted transaction of the completed checkpoint is written again from the checkpoint");
        KafkaExactlyOnceJob.ReadCommitted(cluster, "out", (int)records).Should().Equal(KafkaExactlyOnceJob.Expected(records));
    }
}

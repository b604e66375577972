using Flinq.Runtime.KeyGroups;
using Flinq.Testing;

namespace Flinq.Tests.Runtime.Exchange;

public sealed class KeyByRoutingTests
{
    // 60 keys: a multiple of every source parallelism tested, so each key is produced by one source
    // instance (instance i of p generates n = i, i+p, ...) and its sequence numbers have a defined order.
    private const int Keys = 60;

    [Theory]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public async Task KeyBy_ParallelGenerator_EveryKeyReachesOneSubtaskInOrder(int sourceParallelism, int sinkParallelism)
    {
        const int count = 30_000;
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = sinkParallelism, BatchSize = 64 });
        var sink = env.FromGenerator(n => (Key: (int)(n % Keys), Seq: n / Keys), count)
            .SetParallelism(sourceParallelism)
            .KeyBy(r => r.Key)
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var records = sink.Records;
        records.Should().HaveCount(count);
        var subtaskOfKey = new Dictionary<int, int>();
        var lastSeq = new Dictionary<int, long>();
        foreach (var record in records)
        {
            var (key, seq) = record.Value;
            if (subtaskOfKey.TryGetValue(key, out int subtask))
            {
                record.Subtask.Should().Be(subtask, $"key {key} was already seen at subtask {subtask}");
                seq.Should().BeGreaterThan(lastSeq[key], $"records of key {key} must arrive in order");
            }
            else
            {
                record.Subtask.Should().Be(KeyGroupRangeAssignment.AssignKeyToParallelOperator(key, 128, sinkParallelism));
                subtaskOfKey[key] = record.Subtask;
            }

            lastSeq[key] = seq;
        }

        subtaskOfKey.Should().HaveCount(Keys);
        records.GroupBy(r => r.Value.Key).Should().AllSatisfy(g => g.Select(r => r.Value.Seq).Should().Equal(Enumerable.Range(0, count / Keys).Select(i => (long)i)));
    }
}

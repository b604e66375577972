using Flinq.Examples.CepFraud;
using Flinq.Testing;

namespace Flinq.Examples.Tests.CepFraud;

public class CepFraudJobTests
{
    private static async Task<List<string>> RunAsync(IReadOnlyList<Transaction> input, int parallelism = 2)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
        var sink = CepFraudJob.Build(env, input).Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        return sink.Values.Select(a => a.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Sample_FraudForAlice_SuspiciousForBob_NothingForCarol() =>
        (await RunAsync(CepFraudJob.SampleInput)).Should().Equal(
            "FRAUD user=alice at=120000 amounts=[1.00, 2.50, 0.99, 7500]",
            "SUSPICIOUS user=bob at=301500 amounts=[2.00, 3.00, 4.00]");

    [Fact]
    public async Task LargeAfterWindow_OnlySuspicious() =>
        (await RunAsync([new("u", 1m, 0), new("u", 1m, 1), new("u", 1m, 2), new("u", 6_000m, 300_000)])).Should().Equal(
            "SUSPICIOUS user=u at=300000 amounts=[1, 1, 1]");

    [Fact]
    public async Task SmallNotConsecutive_NoAlert() =>
        (await RunAsync([new("u", 1m, 0), new("u", 50m, 1), new("u", 1m, 2), new("u", 1m, 3), new("u", 6_000m, 4)])).Should().BeEmpty();

    [Fact]
    public async Task OutOfOrderWithinBound_SameAlertAsInOrder()
    {
        Transaction[] inOrder = [new("u", 1m, 1_000), new("u", 2m, 2_000), new("u", 3m, 3_000), new("u", 6_000m, 4_000)];
        Transaction[] shuffled = [inOrder[1], inOrder[0], inOrder[3], inOrder[2]];
        (await RunAsync(shuffled)).Should().Equal(await RunAsync(inOrder)).And.Equal("FRAUD user=u at=4000 amounts=[1, 2, 3, 6000]");
    }
}

using Flinq.Examples.Common;
using Flinq.Examples.Dedup;
using Flinq.Examples.Tests.TestSupport;
using Flinq.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Examples.Tests.Dedup;

public sealed class DedupJobTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Build_RepeatsWithinTtl_AreDroppedAndTheFirstLinePassesUnchanged()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        string[] lines =
        [
            """{"id":"a","v":1}""", """{"id":"b","v":2}""", """{"id":"a","v":3}""", """{"id":7}""",
            """{"v":1}""", """{ "id" : 7, "x": 1}""", """{"id":"7"}""", "[1]", """{"id":"b"}""",
        ];
        var input = ExampleInput.FromLines(env, lines, line => KeyedRecord.Parse(line, "id"), null, TimeSpan.Zero);
        var kept = DedupJob.Build(input.Events, TimeSpan.FromHours(1)).Map(r => r.Line).Collect();
        var bad = input.BadLines.Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        // The number 7 and the string "7" are the same id (its text).
        kept.Values.Should().BeEquivalentTo("""{"id":"a","v":1}""", """{"id":"b","v":2}""", """{"id":7}""");
        bad.Values.Select(b => (b.Line, b.Error)).Should().BeEquivalentTo([(5L, "no 'id' field"), (8L, "expected a JSON object")]);
    }

    [Fact]
    public async Task Build_TtlMeasuredFromTheFirstRecord_IdPassesAgainAfterItExpires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        var source = new PushSource<KeyedRecord>();
        var kept = DedupJob.Build(env.FromSource(source, "records"), TimeSpan.FromMinutes(10)).Map(r => r.Line).Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("dedup", cancellation.Token);
        try
        {
            async Task At(TimeSpan sinceStart, string id, string line)
            {
                clock.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + sinceStart);
                long before = source.Emitted;
                source.Push(new KeyedRecord(id, line));
                await TestConditions.WaitUntilAsync(() => source.Emitted == before + 1, s_wait, $"{line} read");
                await Task.Delay(50); // processed under this clock reading before the clock moves again
            }

            await At(TimeSpan.Zero, "x", "x@0");
            await At(TimeSpan.FromMinutes(5), "x", "x@5");           // within 10 min of x@0: dropped
            await At(TimeSpan.FromMinutes(9.99), "x", "x@9.99");     // still within (a duplicate does not extend it)
            await At(TimeSpan.FromMinutes(10), "y", "y@10");
            await At(TimeSpan.FromMinutes(10.01), "x", "x@10.01");   // x@0 expired: passes again, starts a new TTL
            await At(TimeSpan.FromMinutes(15), "x", "x@15");         // within 10 min of x@10.01: dropped
            await At(TimeSpan.FromMinutes(19), "y", "y@19");         // within 10 min of y@10: dropped
            await At(TimeSpan.FromMinutes(21), "y", "y@21");         // expired: passes
            await TestConditions.WaitUntilAsync(() => kept.Count == 4, s_wait, "four records kept");

            kept.Values.Should().Equal("x@0", "y@10", "x@10.01", "y@21");
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}

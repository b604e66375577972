using System.Text.Json;
using CsCheck;
using Flinq.Cep.Dynamic;
using Flinq.Cep.Tests.Operators;
using Flinq.Checkpointing;
using Flinq.Connectors.Sinks;
using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Cep.Tests.Dynamic;

/// <summary>
/// Failover of the dynamic (JSON-pattern) operator: the input of <see cref="CepFailoverTests"/> as JSON events, two
/// patterns from a rule stream, failures at random records, restarts from the last checkpoint. The rule set, the
/// per-pattern partial matches, buffered events and timers come back, so the committed matches and timeouts equal
/// those of a run without failures.
/// </summary>
public sealed class DynamicCepFailoverTests : IDisposable
{
    private const string Loop = """
        {"id":"loop","withinMs":300,"elements":[
          {"name":"a","condition":{"field":"type","op":"eq","value":"a"}},
          {"name":"b","contiguity":"followedBy","condition":{"field":"type","op":"eq","value":"b"},"timesFrom":1,"timesTo":3},
          {"name":"c","contiguity":"followedBy","condition":{"field":"type","op":"eq","value":"c"}}]}
        """;

    private const string Strict = """
        {"id":"strict","withinMs":100,"skip":"skipPastLastEvent","elements":[
          {"name":"x","condition":{"field":"type","op":"eq","value":"x"}},
          {"name":"notA","contiguity":"notNext","condition":{"field":"type","op":"eq","value":"a"}},
          {"name":"c","contiguity":"followedBy","condition":{"field":"type","op":"eq","value":"c"}}]}
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-dyncep-failover-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task RandomCrashPoints_CommittedMatchesEqualRunWithoutFailures()
    {
        var cases = Gen.Select(Gen.Int[1, 2], Gen.Long[200, CepFailoverTests.Records - 1].Array[1, 3], Gen.Int);
        await cases.SampleAsync(async (parallelism, points, inputSeed) =>
        {
            var input = CepFailoverTests.Input(inputSeed);
            string root = Path.Combine(_root, Guid.NewGuid().ToString("N"));
            var uninterrupted = await RunAsync(Path.Combine(root, "clean"), input, parallelism, failurePoints: []);
            var recovered = await RunAsync(Path.Combine(root, "failing"), input, parallelism, points.ToHashSet());

            uninterrupted.Restarts.Should().Be(0);
            recovered.Restarts.Should().BeInRange(1, points.Length);
            uninterrupted.Lines.Should().Contain(l => l.StartsWith("loop:", StringComparison.Ordinal) && !l.EndsWith("@timeout", StringComparison.Ordinal))
                .And.Contain(l => l.StartsWith("strict:", StringComparison.Ordinal))
                .And.Contain(l => l.EndsWith("@timeout", StringComparison.Ordinal));
            recovered.Lines.Should().Equal(uninterrupted.Lines, "failure points {0}", string.Join(", ", points));
        }, iter: 4, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    private static async Task<(List<string> Lines, int Restarts)> RunAsync(string root, Ev[] input, int parallelism, HashSet<long> failurePoints)
    {
        var options = new StreamExecutionOptions
        {
            Parallelism = parallelism,
            Checkpointing =
            {
                Interval = TimeSpan.FromMilliseconds(40),
                Directory = Path.Combine(root, "chk"),
                RestartStrategy = RestartStrategy.FixedDelay(5, TimeSpan.FromMilliseconds(10)),
            },
        };
        var env = StreamExecutionEnvironment.Create(options);
        var failed = new HashSet<long>();
        var strategy = WatermarkStrategy<(long N, Ev Event)>.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(60)).WithTimestampAssigner(p => p.Event.Ts);
        var events = env.FromGenerator(n => (N: n, Event: input[n]), strategy, CepFailoverTests.Records, recordsPerSecond: 10000).Uid("events")
            .Map(p =>
            {
                lock (failed)
                {
                    if (failurePoints.Contains(p.N) && failed.Add(p.N))
                    {
                        throw new InvalidOperationException($"injected failure at {p.N}");
                    }
                }

                return JsonSerializer.SerializeToElement(new { user = p.Event.Key, type = p.Event.Name[..1], name = p.Event.Name });
            }).Uid("fault-injector");
        // A bounded rule stream: its watermark holds the events back until both patterns are in place.
        var rules = env.FromElements(PatternRule.Upsert(Loop), PatternRule.Upsert(Strict)).Uid("rules");
        DynamicCep.Patterns(events.KeyBy(e => e.GetProperty("user").GetString()!), rules).Uid("dynamic-cep")
            .Map(Format)
            .SinkTo(new TransactionalFileSink<string>(Path.Combine(root, "matches"))).Uid("match-files");

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60), "dynamic cep failover");
        var lines = TransactionalFileSink<string>.CommittedFiles(Path.Combine(root, "matches")).SelectMany(File.ReadAllLines).ToList();
        lines.Sort(StringComparer.Ordinal);
        return (lines, result.Restarts);
    }

    private static string Format(PatternMatch m) =>
        $"{m.PatternId}:{m.Key}:{string.Join(' ', m.Events.SelectMany(kv => kv.Value.Select(e => kv.Key + "=" + e.GetProperty("name").GetString())))}@{(m.TimedOut ? "timeout" : m.Timestamp)}";
}

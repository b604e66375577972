using CsCheck;
using Flinq.Cep.Patterns;
using Flinq.Checkpointing;
using Flinq.Connectors.Sinks;
using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Cep.Tests.Operators;

/// <summary>
/// Failover: a keyed event-time CEP job over random out-of-order input (several keys, disorder within the watermark
/// bound), checkpointing every 40 ms into exactly-once file sinks, fails at random records and restarts from its last
/// checkpoint. The committed matches and timeouts must be exactly those of the same job run without failures: partial
/// matches, buffered events and timers come back from the checkpoint, and nothing is emitted twice.
/// </summary>
public sealed class CepFailoverTests : IDisposable
{
    internal const long Records = 2500;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-cep-failover-" + Guid.NewGuid().ToString("N"));

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
        // Seeded, so a failure reproduces: parallelism 1-2, one to three failure points, a random input per case.
        var cases = Gen.Select(Gen.Int[1, 2], Gen.Long[200, Records - 1].Array[1, 3], Gen.Int);
        int withMatches = 0;
        await cases.SampleAsync(async (parallelism, points, inputSeed) =>
        {
            var input = Input(inputSeed);
            string root = Path.Combine(_root, Guid.NewGuid().ToString("N"));
            var uninterrupted = await RunAsync(Path.Combine(root, "clean"), input, parallelism, failurePoints: []);
            var recovered = await RunAsync(Path.Combine(root, "failing"), input, parallelism, points.ToHashSet());

            uninterrupted.Restarts.Should().Be(0);
            recovered.Restarts.Should().BeInRange(1, points.Length);
            uninterrupted.Timeouts.Should().NotBeEmpty();
            recovered.Matches.Should().Equal(uninterrupted.Matches, "failure points {0}", string.Join(", ", points));
            recovered.Timeouts.Should().Equal(uninterrupted.Timeouts, "failure points {0}", string.Join(", ", points));
            Interlocked.Add(ref withMatches, uninterrupted.Matches.Count > 0 ? 1 : 0);
        }, iter: 6, threads: 1, seed: "0N0XIzNsQ0O2");
        withMatches.Should().Be(6, "every generated input must produce matches for the comparison to mean something");
    }

    /// <summary>
    /// Events at distinct times 10 ms apart on four keys, arriving shuffled by up to five positions (so at most 50 ms
    /// behind the newest event: within the 60 ms watermark bound, and no event is late in any run).
    /// </summary>
    internal static Ev[] Input(int seed)
    {
        var random = new Random(seed);
        var sorted = new Ev[Records];
        for (int i = 0; i < Records; i++)
        {
            sorted[i] = new Ev("k" + random.Next(4), "abcx"[random.Next(4)].ToString() + i, i * 10L);
        }

        return sorted.Select((e, i) => (e, k: i + random.Next(6) + 0.5 * (i % 2))).OrderBy(p => p.k).Select(p => p.e).ToArray();
    }

    private static Pattern<Ev> Pattern() =>
        Pattern<Ev>.Begin("a").Where(e => e.Name[0] == 'a')
            .FollowedBy(Pattern<Ev>.Begin("b").Where(e => e.Name[0] == 'b').Next("x").Where(e => e.Name[0] == 'x').Optional()).OneOrMore()
            .FollowedBy("c").Where(e => e.Name[0] == 'c')
            .Within(TimeSpan.FromMilliseconds(300));

    private static string Format(IReadOnlyDictionary<string, IReadOnlyList<Ev>> match) =>
        match.Values.First()[0].Key + ":" + string.Join(' ', match.SelectMany(kv => kv.Value.Select(e => kv.Key + "=" + e.Name)));

    private static async Task<(List<string> Matches, List<string> Timeouts, int Restarts)> RunAsync(string root, Ev[] input, int parallelism, HashSet<long> failurePoints)
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
        var events = env.FromGenerator(n => (N: n, Event: input[n]), WatermarkStrategy<(long N, Ev Event)>.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(60)).WithTimestampAssigner(p => p.Event.Ts), Records, recordsPerSecond: 10000).Uid("events")
            .Map(p =>
            {
                lock (failed)
                {
                    // Each failure point fails once: the replay after recovery passes it.
                    if (failurePoints.Contains(p.N) && failed.Add(p.N))
                    {
                        throw new InvalidOperationException($"injected failure at {p.N}");
                    }
                }

                return p.Event;
            }).Uid("fault-injector");
        var timeoutTag = new OutputTag<string>("timeouts");
        var matches = CEP.Pattern(events.KeyBy(e => e.Key), Pattern())
            .Select(timeoutTag, (m, t) => Format(m) + "@" + t, Format).Uid("cep");
        matches.SinkTo(new TransactionalFileSink<string>(Path.Combine(root, "matches"))).Uid("match-files");
        matches.GetSideOutput(timeoutTag).SinkTo(new TransactionalFileSink<string>(Path.Combine(root, "timeouts"))).Uid("timeout-files");

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60), "cep failover");
        return (Committed(Path.Combine(root, "matches")), Committed(Path.Combine(root, "timeouts")), result.Restarts);
    }

    private static List<string> Committed(string directory)
    {
        var lines = TransactionalFileSink<string>.CommittedFiles(directory).SelectMany(File.ReadAllLines).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}

using Flinq.Cep.Nfa;
using Flinq.Cep.Patterns;
using Flinq.Serialization;
using Flinq.Testing;

namespace Flinq.Cep.Tests.Operators;

public sealed record Ev(string Key, string Name, long Ts);

public class CepOperatorTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private static Pattern<Ev> ABC() =>
        Pattern<Ev>.Begin("a").Where(e => e.Name[0] == 'a')
            .FollowedBy("b").Where(e => e.Name[0] == 'b').OneOrMore()
            .FollowedBy("c").Where(e => e.Name[0] == 'c')
            .Within(TimeSpan.FromMilliseconds(100));

    private static string Format(IReadOnlyDictionary<string, IReadOnlyList<Ev>> match) =>
        match.Values.First()[0].Key + ":" + string.Join(' ', match.Values.SelectMany(v => v).Select(e => e.Name));

    private static List<Ev> Events()
    {
        var events = new List<Ev>();
        var random = new Random(7);
        long t = 0;
        foreach (var key in new[] { "k1", "k2", "k3" })
        {
            t = 0;
            foreach (var name in "a1 x b1 b2 c1 a2 b3 y c2 a3 b4".Split(' '))
            {
                t += 1 + random.Next(20);
                events.Add(new Ev(key, name, t));
            }
        }

        return events;
    }

    private static async Task<(List<string> Matches, List<string> Timeouts)> RunAsync(IEnumerable<Ev> events, long maxDelay)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var steps = new List<ScriptStep<Ev>>();
        long maxTs = long.MinValue;
        foreach (var e in events)
        {
            steps.Add(ScriptStep<Ev>.Record(e, e.Ts));
            maxTs = Math.Max(maxTs, e.Ts);
            steps.Add(ScriptStep<Ev>.Watermark(maxTs - maxDelay - 1));
        }

        var timeouts = new OutputTag<string>("timeouts");
        var matches = CEP.Pattern(env.FromScript(steps.ToArray()).KeyBy(e => e.Key), ABC())
            .Select(timeouts, (m, t) => Format(m) + "@" + t, Format);
        var matchSink = matches.Collect();
        var timeoutSink = matches.GetSideOutput(timeouts).Collect("timeouts");
        await env.ExecuteWithTimeoutAsync(s_timeout);
        return (matchSink.Values.Order(StringComparer.Ordinal).ToList(), timeoutSink.Values.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task EventTime_OutOfOrderInput_SameMatchesAsSortedInput()
    {
        var sorted = Events().OrderBy(e => e.Ts).ToList();
        var shuffled = sorted.Select((e, i) => (e, k: i + new Random(i).Next(6))).OrderBy(p => p.k).Select(p => p.e).ToList();
        shuffled.Should().NotEqual(sorted);

        var inOrder = await RunAsync(sorted, maxDelay: 0);
        var outOfOrder = await RunAsync(shuffled, maxDelay: 200);

        inOrder.Matches.Should().NotBeEmpty();
        inOrder.Timeouts.Should().NotBeEmpty();
        outOfOrder.Matches.Should().Equal(inOrder.Matches);
        outOfOrder.Timeouts.Should().Equal(inOrder.Timeouts);
    }

    [Fact]
    public async Task EventTime_HandChecked_MatchesAndTimeoutPerKey()
    {
        var events = new[]
        {
            new Ev("k", "a1", 10), new Ev("k", "b1", 20), new Ev("k", "x", 30), new Ev("k", "c1", 40),
            new Ev("k", "a2", 200), new Ev("k", "b2", 210), new Ev("k", "c2", 400),
        };
        var (matches, timeouts) = await RunAsync(events, 0);
        matches.Should().Equal("k:a1 b1 c1");
        timeouts.Should().Equal("k:a1 b1@110", "k:a2 b2@300");
    }

    [Fact]
    public async Task EventTime_LateEvent_GoesToSideOutput()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var late = new OutputTag<Ev>("late");
        var stream = env.FromScript(
                ScriptStep<Ev>.Record(new Ev("k", "a", 10), 10), ScriptStep<Ev>.Watermark(50),
                ScriptStep<Ev>.Record(new Ev("k", "b", 40), 40), ScriptStep<Ev>.Record(new Ev("k", "b", 60), 60),
                ScriptStep<Ev>.Record(new Ev("k", "c", 70), 70))
            .KeyBy(e => e.Key);
        var matches = CEP.Pattern(stream, ABC()).SideOutputLateData(late).Select(Format);
        var sink = matches.Collect();
        var lateSink = matches.GetSideOutput(late).Collect("late");
        await env.ExecuteWithTimeoutAsync(s_timeout);
        sink.Values.Should().Equal("k:a b c");
        lateSink.Values.Should().Equal(new Ev("k", "b", 40));
    }

    [Fact]
    public async Task ProcessingTime_ArrivalOrder_Matches()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var stream = env.FromElements(new Ev("k", "a", 0), new Ev("j", "a", 0), new Ev("k", "b", 0), new Ev("k", "c", 0), new Ev("j", "c", 0)).KeyBy(e => e.Key);
        var pattern = Pattern<Ev>.Begin("a").Where(e => e.Name == "a").FollowedBy("b").Where(e => e.Name == "b").OneOrMore().Optional().FollowedBy("c").Where(e => e.Name == "c");
        var sink = CEP.Pattern(stream, pattern).InProcessingTime().Select(Format).Collect();
        await env.ExecuteWithTimeoutAsync(s_timeout);
        sink.Values.Should().BeEquivalentTo("k:a b c", "k:a c", "j:a c");
    }

    [Fact]
    public void Serializer_RoundTripMidMatch_ContinuesIdentically()
    {
        var nfa = NfaCompiler<string>.Compile(Pattern<string>.Begin("a").Where(e => e[0] == 'a').FollowedByAny("b").Where(e => e[0] == 'b').OneOrMore().FollowedBy("c").Where(e => e[0] == 'c'));
        var processor = new NfaProcessor<string>(nfa);
        var state = processor.CreateInitialState();
        var sink = new ListCollector();
        foreach (var (e, t) in new[] { ("a1", 1L), ("b1", 2L), ("a2", 3L), ("b2", 4L) })
        {
            processor.Process(state, e, t, sink, null);
        }

        var serializer = new NfaKeyStateSerializer<string>(new SerializerRegistry().Get<string>());
        var writer = new StateWriter();
        serializer.Serialize(state, writer);
        var restored = serializer.Deserialize(new StateReader(writer.ToArray()));

        var original = new ListCollector();
        var copy = new ListCollector();
        processor.Process(state, "c", 5, original, null);
        processor.Process(restored, "c", 5, copy, null);
        original.Items.Should().NotBeEmpty();
        copy.Items.Should().Equal(original.Items);
        restored.NextSequence.Should().Be(state.NextSequence);
    }

    private sealed class ListCollector : NfaProcessor<string>.ICollector
    {
        public List<string> Items { get; } = new();

        public void Collect(IReadOnlyDictionary<string, IReadOnlyList<string>> match, long timestamp) =>
            Items.Add(string.Join(' ', match.Values.SelectMany(v => v)) + "@" + timestamp);
    }
}

using CsCheck;
using Flinq.Cep.Nfa;
using Flinq.Cep.Operators;
using Flinq.Cep.Patterns;
using Flinq.Operators;
using Flinq.Runtime.Tasks;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Cep.Tests.Operators;

/// <summary>Out-of-order input, released by a bounded-delay watermark, gives the matches and timeouts of sorted input.</summary>
public class CepOperatorPropertyTests
{
    private static readonly Pattern<Ev> s_pattern =
        Pattern<Ev>.Begin("a").Where(e => e.Name[0] == 'a')
            .FollowedByAny("b").Where(e => e.Name[0] == 'b').Times(1, 2)
            .Next("c").Where(e => e.Name[0] == 'c')
            .Within(TimeSpan.FromMilliseconds(40));

    private static readonly OutputTag<string> s_timeouts = new("timeouts");

    private static List<string> Run(IReadOnlyList<Ev> arrival, long delay)
    {
        using var services = new TaskServices(new FakeTimeProvider(), CancellationToken.None);
        var output = new Output();
        var op = new CepOperator<string, Ev, string>(NfaCompiler<Ev>.Compile(s_pattern), new Fn(), e => e.Key, eventTime: true, lateTag: null);
        var context = new OperatorContext("cep", 0, 1, 128, services.ProcessingTime);
        context.AddSideOutput(s_timeouts, output);
        op.Setup(context, output);
        op.Open();
        long max = long.MinValue;
        foreach (var e in arrival)
        {
            op.ProcessElement(e, new Timestamp(e.Ts));
            max = Math.Max(max, e.Ts);
            op.ProcessWatermark(new Watermark(max - delay - 1));
        }

        op.ProcessWatermark(Watermark.MaxValue);
        op.LateEventsDropped.Should().Be(0);
        op.KeysWithPartialMatches.Should().Be(0, "every partial match timed out at the final watermark");
        output.Items.Sort(StringComparer.Ordinal);
        return output.Items;
    }

    [Fact]
    public void ShuffledWithinBound_SameMatchesAndTimeoutsAsSorted()
    {
        var gen =
            from n in Gen.Int[5, 40]
            from names in Gen.Int[0, 3].Select(i => "abcx"[i].ToString()).Array[n]
            from keys in Gen.Int[1, 2].Select(i => "k" + i).Array[n]
            from jitter in Gen.Int[0, 5].Array[n]
            select (names, keys, jitter);
        int withMatches = 0, withTimeouts = 0;
        gen.Sample(t =>
        {
            var (names, keys, jitter) = t;
            // Distinct timestamps 10 apart, so sorted order is unique; arrival order shuffled by up to 5 positions.
            var sorted = names.Select((name, i) => new Ev(keys[i], name + i, i * 10L)).ToList();
            var arrival = sorted.Select((e, i) => (e, k: i + jitter[i] + 0.5 * (i % 2))).OrderBy(p => p.k).Select(p => p.e).ToList();
            var expected = Run(sorted, delay: 0);
            Run(arrival, delay: 60).Should().Equal(expected);
            Interlocked.Add(ref withMatches, expected.Exists(s => !s.StartsWith("timeout", StringComparison.Ordinal)) ? 1 : 0);
            Interlocked.Add(ref withTimeouts, expected.Exists(s => s.StartsWith("timeout", StringComparison.Ordinal)) ? 1 : 0);
        }, iter: 200);
        withMatches.Should().BeGreaterThan(10, "the generated inputs must produce matches for the property to mean something");
        withTimeouts.Should().BeGreaterThan(10);
    }

    private sealed class Fn : PatternProcessFunction<Ev, string>, ITimedOutPartialMatchHandler<Ev>
    {
        public override void ProcessMatch(IReadOnlyDictionary<string, IReadOnlyList<Ev>> match, IPatternProcessContext context, Flinq.Functions.ICollector<string> output) =>
            output.Collect(Format(match) + "@" + context.Timestamp);

        public void ProcessTimedOutMatch(IReadOnlyDictionary<string, IReadOnlyList<Ev>> match, IPatternProcessContext context) =>
            context.Output(s_timeouts, "timeout " + Format(match) + "@" + context.Timestamp);

        private static string Format(IReadOnlyDictionary<string, IReadOnlyList<Ev>> match) =>
            match.Values.First()[0].Key + ":" + string.Join(' ', match.Values.SelectMany(v => v).Select(e => e.Name));
    }

    private sealed class Output : Input<string>
    {
        public List<string> Items { get; } = new();

        public override void ProcessElement(string value, Timestamp timestamp) => Items.Add(value);

        public override void ProcessWatermark(Watermark watermark)
        {
        }
    }
}

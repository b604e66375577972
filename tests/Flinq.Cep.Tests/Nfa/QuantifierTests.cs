using Flinq.Cep.Patterns;
using static Flinq.Cep.Tests.Nfa.NfaRunner;

namespace Flinq.Cep.Tests.Nfa;

/// <summary>Quantifiers; the consecutive/allowCombinations lists are Flink's documented examples (input "c d a1 a2 a3 d a4 b").</summary>
public class QuantifierTests
{
    private const string DocInput = "c d a1 a2 a3 d a4 b";

    private static Pattern<string> CAPlusB(Func<Pattern<string>, Pattern<string>> loop) =>
        loop(Pattern<string>.Begin("start").Where(Is('c')).FollowedBy("middle").Where(Is('a')).OneOrMore()).FollowedBy("end").Where(Is('b'));

    [Fact]
    public void OneOrMore_RelaxedInner_SkipsNonMatchingInBetween() =>
        Run(CAPlusB(p => p), DocInput).Should().BeEquivalentTo("c a1 b", "c a1 a2 b", "c a1 a2 a3 b", "c a1 a2 a3 a4 b");

    [Fact]
    public void OneOrMore_Consecutive_StopsAtFirstGap() =>
        Run(CAPlusB(p => p.Consecutive()), DocInput).Should().BeEquivalentTo("c a1 b", "c a1 a2 b", "c a1 a2 a3 b");

    [Fact]
    public void OneOrMore_AllowCombinations_EverySubsequence() =>
        Run(CAPlusB(p => p.AllowCombinations()), DocInput).Should().BeEquivalentTo(
            "c a1 b", "c a1 a2 b", "c a1 a3 b", "c a1 a4 b", "c a1 a2 a3 b", "c a1 a2 a4 b", "c a1 a3 a4 b", "c a1 a2 a3 a4 b");

    [Fact]
    public void Times_Exact_TakesExactlyN() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).Times(2).Next("b").Where(Is('b')), "a1 a2 a3 b").Should().Equal("a2 a3 b");

    [Fact]
    public void Times_Range_EveryCountInRange() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).Times(2, 3).Consecutive().Next("b").Where(Is('b')), "a1 a2 a3 b")
            .Should().BeEquivalentTo("a1 a2 a3 b", "a2 a3 b");

    [Fact]
    public void Times_RelaxedInner_SkipsOthers() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).Times(3).FollowedBy("b").Where(Is('b')), "a1 x a2 x a3 b").Should().Equal("a1 a2 a3 b");

    [Fact]
    public void TimesOrMore_NeedsAtLeastN() =>
        Run(Pattern<string>.Begin("s").Where(Is('s')).Next("a").Where(Is('a')).TimesOrMore(2).Consecutive().Next("b").Where(Is('b')), "s a1 b s a1 a2 b s a1 a2 a3 b")
            .Should().Equal("s a1 a2 b", "s a1 a2 a3 b");

    [Fact]
    public void Optional_SkippedOrTaken_BothMatch() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).Next("o").Where(Is('o')).Optional().FollowedBy("b").Where(Is('b')), "a o b")
            .Should().BeEquivalentTo("a o b", "a b");

    [Fact]
    public void OneOrMoreOptional_ZeroOccurrences_Matches() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).Next("x").Where(Is('x')).OneOrMore().Optional().Next("b").Where(Is('b')), "a b")
            .Should().Equal("a b");

    [Fact]
    public void Greedy_LoopTakesWhileItCan()
    {
        // "a" loop over events that also satisfy the next element: greedy never proceeds while the loop can take.
        var greedy = Pattern<string>.Begin("s").Where(Is('s')).Next("a").Where(e => e[0] is 'a' or 'b').OneOrMore().Consecutive().Greedy().Next("b").Where(Is('b'));
        var lazy = Pattern<string>.Begin("s").Where(Is('s')).Next("a").Where(e => e[0] is 'a' or 'b').OneOrMore().Consecutive().Next("b").Where(Is('b'));
        Run(lazy, "s a1 b1 b2").Should().BeEquivalentTo("s a1 b1", "s a1 b1 b2");
        Run(greedy, "s a1 b1 b2").Should().BeEmpty(); // greedy takes b1 and b2 into the loop; nothing left for "b"
    }

    [Fact]
    public void Until_StopsLoop() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).OneOrMore().Consecutive().Until(e => e == "a3").FollowedBy("b").Where(Is('b')), "a1 a2 a3 a4 b")
            .Should().BeEquivalentTo("a1 b", "a1 a2 b", "a2 b", "a4 b");

    [Fact]
    public void IterativeCondition_SeesPartialMatch()
    {
        // b must have a larger number than every a taken so far.
        var pattern = Pattern<string>.Begin("a").Where(Is('a')).OneOrMore().Consecutive().Next("b")
            .Where((e, ctx) => e[0] == 'b' && ctx.GetEventsForPattern("a").All(a => a[1] < e[1]));
        Run(pattern, "a1 a2 b3 a4 b2").Should().BeEquivalentTo("a1 a2 b3", "a2 b3");
    }

    [Fact]
    public void OrCondition_EitherMatches() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).Or(Is('z')).Next("b").Where(Is('b')), "z b a b2").Should().Equal("z b", "a b2");
}

using Flinq.Cep.Patterns;
using static Flinq.Cep.Tests.Nfa.NfaRunner;

namespace Flinq.Cep.Tests.Nfa;

/// <summary>
/// After-match skip strategies. The "b+ c" over "b1 b2 b3 c" tables are Flink's documented example (read as a regular
/// expression: b+ consecutive, strict to c; with relaxed contiguity "b1 c" and "b1 b2 c" would match too, and a relaxed loop
/// leaves an ignoring partial match from b1 alive, which holds back later matches under the skip strategies).
/// </summary>
public class SkipStrategyTests
{
    private static Pattern<string> BPlusC(AfterMatchSkipStrategy skip) =>
        Pattern<string>.Begin("b", skip).Where(Is('b')).OneOrMore().Consecutive().Next("c").Where(Is('c'));

    private static Pattern<string> ABPlusC(AfterMatchSkipStrategy skip) =>
        Pattern<string>.Begin("a", skip).Where(Is('a')).FollowedBy("b").Where(Is('b')).OneOrMore().FollowedBy("c").Where(Is('c'));

    [Fact]
    public void NoSkip_DocExample_AllMatches() =>
        Run(BPlusC(AfterMatchSkipStrategy.NoSkip()), "b1 b2 b3 c").Should().Equal("b1 b2 b3 c", "b2 b3 c", "b3 c");

    [Fact]
    public void SkipToNext_DocExample_NothingStartsAtB1Again() =>
        Run(BPlusC(AfterMatchSkipStrategy.SkipToNext()), "b1 b2 b3 c").Should().Equal("b1 b2 b3 c", "b2 b3 c", "b3 c");

    [Fact]
    public void SkipPastLastEvent_DocExample_OnlyFirst() =>
        Run(BPlusC(AfterMatchSkipStrategy.SkipPastLastEvent()), "b1 b2 b3 c").Should().Equal("b1 b2 b3 c");

    [Fact]
    public void SkipToFirst_DocExample_KeepsFromFirstB() =>
        Run(BPlusC(AfterMatchSkipStrategy.SkipToFirst("b")), "b1 b2 b3 c").Should().Equal("b1 b2 b3 c", "b2 b3 c", "b3 c");

    [Fact]
    public void SkipToLast_DocExample_KeepsFromLastB() =>
        Run(BPlusC(AfterMatchSkipStrategy.SkipToLast("b")), "b1 b2 b3 c").Should().Equal("b1 b2 b3 c", "b3 c");

    [Fact]
    public void NoSkip_ABPlusC_EveryLoopLength() =>
        Run(ABPlusC(AfterMatchSkipStrategy.NoSkip()), "a b1 b2 b3 c").Should().BeEquivalentTo("a b1 c", "a b1 b2 c", "a b1 b2 b3 c");

    [Theory]
    [InlineData("next")]
    [InlineData("past")]
    [InlineData("first")]
    [InlineData("last")]
    public void Skip_ABPlusC_OneMatchSinceAllStartAtA(string kind)
    {
        var skip = kind switch
        {
            "next" => AfterMatchSkipStrategy.SkipToNext(),
            "past" => AfterMatchSkipStrategy.SkipPastLastEvent(),
            "first" => AfterMatchSkipStrategy.SkipToFirst("b"),
            _ => AfterMatchSkipStrategy.SkipToLast("b"),
        };
        Run(ABPlusC(skip), "a b1 b2 b3 c").Should().ContainSingle().Which.Should().BeOneOf("a b1 c", "a b1 b2 c", "a b1 b2 b3 c");
    }

    [Fact]
    public void SkipPastLastEvent_HeldMatchWaitsForEarlierPartial()
    {
        // "a1" starts first but completes last; the match from "a2" must wait so matches come out in start order.
        var pattern = Pattern<string>.Begin("a", AfterMatchSkipStrategy.SkipPastLastEvent()).Where(Is('a'))
            .FollowedByAny("x").Where((e, ctx) => e[0] == 'x' && e[1] == ctx.GetEventsForPattern("a")[0][1]);
        var runner = new NfaRunner(pattern);
        runner.Feed("a1", 0);
        runner.Feed("a2", 1);
        runner.Feed("x2", 2);
        runner.Matches.Should().BeEmpty();
        runner.Feed("x1", 3);
        runner.Matches.Should().Equal("a1 x1");
    }
}

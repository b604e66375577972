using Flinq.Cep.Patterns;
using static Flinq.Cep.Tests.Nfa.NfaRunner;

namespace Flinq.Cep.Tests.Nfa;

/// <summary>Flink docs, "Combining Patterns": pattern "a b" over "a c b1 b2".</summary>
public class ContiguityTests
{
    [Fact]
    public void Next_EventInBetween_NoMatch() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).Next("b").Where(Is('b')), "a c b1 b2").Should().BeEmpty();

    [Fact]
    public void Next_Adjacent_Matches() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).Next("b").Where(Is('b')), "a b1 b2").Should().Equal("a b1");

    [Fact]
    public void FollowedBy_EventInBetween_FirstMatchingOnly() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).FollowedBy("b").Where(Is('b')), "a c b1 b2").Should().Equal("a b1");

    [Fact]
    public void FollowedByAny_EventInBetween_EveryCombination() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).FollowedByAny("b").Where(Is('b')), "a c b1 b2").Should().Equal("a b1", "a b2");

    [Fact]
    public void NotNext_NextEventMatchesNegation_PartialDropped() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).NotNext("n").Where(Is('n')).FollowedBy("b").Where(Is('b')), "a n b1 a2 c b2")
            .Should().Equal("a2 b2");

    [Fact]
    public void NotNext_AtEnd_MatchCompletesOnNextNonMatchingEvent() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).NotNext("n").Where(Is('n')), "a1 n a2 c").Should().Equal("a2");

    [Fact]
    public void NotFollowedBy_NegationInBetween_PartialDropped() =>
        Run(Pattern<string>.Begin("a").Where(Is('a')).NotFollowedBy("n").Where(Is('n')).FollowedBy("b").Where(Is('b')), "a1 c n a2 c b")
            .Should().Equal("a2 b");

    [Fact]
    public void NotFollowedBy_AtEndWithoutWithin_Rejected()
    {
        var act = () => Run(Pattern<string>.Begin("a").Where(Is('a')).NotFollowedBy("n").Where(Is('n')), "a");
        act.Should().Throw<NotSupportedException>().WithMessage("*only with within*");
    }

    private static Pattern<string> NotThenOptional() =>
        Pattern<string>.Begin("a").Where(Is('a')).NotFollowedBy("n").Where(Is('n'))
            .FollowedBy("o").Where(Is('o')).Optional().FollowedBy("c").Where(Is('c'));

    [Fact]
    public void NotFollowedBy_BeforeOptional_AppliesUntilTheOptionalIsTaken()
    {
        Run(NotThenOptional(), "a o c").Should().BeEquivalentTo("a o c", "a c");
        Run(NotThenOptional(), "a o n c").Should().Equal("a o c"); // n after o: only the path that skipped o dies
        Run(NotThenOptional(), "a n o c").Should().BeEmpty();
    }
}

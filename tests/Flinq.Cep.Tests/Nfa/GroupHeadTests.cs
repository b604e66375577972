using Flinq.Cep.Patterns;
using static Flinq.Cep.Tests.Nfa.NfaRunner;

namespace Flinq.Cep.Tests.Nfa;

/// <summary>
/// Optional and looping copies of a group whose first element is itself quantified, optional or a group: skipping
/// the copy is possible only before the copy's head ignored or took an event, so each match is reported once.
/// Expected matches are hand-checked against the patterns' documented meaning (an optional group either matches
/// in full or is absent; a looping group repeats whole copies).
/// </summary>
public class GroupHeadTests
{
    [Fact]
    public void OptionalGroup_HeadTimes_IgnoredEventBeforeSkip_MatchesOnce() =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b')).Times(2)).Optional().FollowedBy("y").Where(Is('y')), "x c y")
            .Should().Equal("x y");

    [Fact]
    public void OptionalGroup_HeadTimes_TakenOrSkipped_EachOnce() =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b')).Times(2)).Optional().FollowedBy("y").Where(Is('y')), "x b1 c b2 y")
            .Should().BeEquivalentTo("x b1 b2 y", "x y");

    [Fact]
    public void OptionalGroup_HeadOneOrMore_IgnoredEventsBeforeSkip_MatchesOnce() =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b')).OneOrMore().FollowedBy("c").Where(Is('c'))).Optional().FollowedBy("y").Where(Is('y')), "x a a y")
            .Should().Equal("x y");

    [Fact]
    public void OptionalGroup_HeadIsAGroup_IgnoredEventBeforeSkip_MatchesOnce() =>
        Run(X().FollowedBy(Pattern<string>.Begin(AB()).FollowedBy("c").Where(Is('c'))).Optional().FollowedBy("y").Where(Is('y')), "x z z y")
            .Should().Equal("x y");

    [Fact]
    public void OptionalGroup_HeadIsAnOptionalGroup_IgnoredEventBeforeSkip_MatchesOnce() =>
        Run(X().FollowedBy(Pattern<string>.Begin(AB()).Optional().FollowedBy("c").Where(Is('c'))).Optional().FollowedBy("y").Where(Is('y')), "x z c y")
            .Should().BeEquivalentTo("x c y", "x y");

    [Fact]
    public void LoopingGroup_HeadTimes_EventBetweenCopies_EachNumberOfCopiesOnce() =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b')).Times(2)).OneOrMore().FollowedBy("y").Where(Is('y')), "x b1 b2 c b3 b4 y")
            .Should().BeEquivalentTo("x b1 b2 y", "x b1 b2 b3 b4 y");

    [Fact]
    public void GroupTimesRange_HeadOneOrMore_EventAfterFirstCopy_MatchesOnce() =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b')).OneOrMore().Consecutive().Next("c").Where(Is('c'))).Times(1, 2).FollowedBy("y").Where(Is('y')), "x b1 c1 z y")
            .Should().Equal("x b1 c1 y");

    [Fact]
    public void OptionalGroup_AllElementsOptional_SkippedOncePerEvent() =>
        // Skipping the group and skipping each of its optional elements reach "y" on the same event: one match.
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b')).Optional().FollowedBy("c").Where(Is('c')).Optional()).Optional().FollowedBy("y").Where(Is('y')), "x z y")
            .Should().Equal("x y");

    [Fact]
    public void NextGroup_HeadIsAGroup_StrictReachesTheInnerHead()
    {
        // The contiguity of a group applies to its first event, however deeply that event's element is nested.
        var pattern = X().Next(Pattern<string>.Begin(Pattern<string>.Begin("a").Where(Is('a'))).FollowedBy("c").Where(Is('c')));

        Run(pattern, "x a c").Should().Equal("x a c");
        Run(pattern, "x z a c").Should().BeEmpty();
    }

    [Fact]
    public void Compile_NotFollowedByThenOptionalElementBeforeAGroup_NotSupported() =>
        FluentActions.Invoking(() => Run(X().NotFollowedBy("n").Where(Is('n')).FollowedBy("o").Where(Is('o')).Optional().FollowedBy(AB()).Optional().FollowedBy("y").Where(Is('y')), "x"))
            .Should().Throw<NotSupportedException>().WithMessage("*notFollowedBy*");

    [Fact]
    public void Compile_LoopingGroupOfOptionalElements_NotSupported() =>
        // A copy could be empty: every number of copies would give the same match.
        FluentActions.Invoking(() => Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b')).Optional()).OneOrMore().FollowedBy("y").Where(Is('y')), "x"))
            .Should().Throw<NotSupportedException>().WithMessage("*can match without taking an event*");

    [Fact]
    public void Compile_TimesOnGroupOfOptionalGroup_NotSupported() =>
        FluentActions.Invoking(() => Run(X().FollowedBy(Pattern<string>.Begin(AB()).Optional()).Times(2), "x"))
            .Should().Throw<NotSupportedException>().WithMessage("*can match without taking an event*");

    private static Pattern<string> X() => Pattern<string>.Begin("x").Where(Is('x'));

    private static Pattern<string> AB() => Pattern<string>.Begin("a").Where(Is('a')).Next("b").Where(Is('b'));
}

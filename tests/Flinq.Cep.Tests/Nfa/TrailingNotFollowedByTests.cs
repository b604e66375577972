using Flinq.Cep.Patterns;
using static Flinq.Cep.Tests.Nfa.NfaRunner;

namespace Flinq.Cep.Tests.Nfa;

/// <summary>
/// A pattern ending with notFollowedBy (Flink ≥ 1.16, requires within): a match completes when the window passes
/// without the negative event, and carries the time the window ended.
/// </summary>
public class TrailingNotFollowedByTests
{
    private static Pattern<string> ANotN(long windowMs) =>
        Pattern<string>.Begin("a").Where(Is('a')).NotFollowedBy("n").Where(Is('n')).Within(TimeSpan.FromMilliseconds(windowMs));

    [Fact]
    public void WindowPassesWithoutNegation_MatchesAtWindowEnd()
    {
        var runner = new NfaRunner(ANotN(5));
        runner.Feed("a", 0);
        runner.Feed("c", 2);
        runner.AdvanceTime(4);
        runner.Matches.Should().BeEmpty("the window has not passed yet");

        runner.AdvanceTime(5);

        runner.Matches.Should().Equal("a");
        runner.TimedOut.Should().BeEmpty("a completed trailing notFollowedBy is a match, not a timeout");
    }

    [Fact]
    public void NegationInsideWindow_NoMatchAndNoTimeout()
    {
        var runner = new NfaRunner(ANotN(5));
        runner.Feed("a", 0);
        runner.Feed("n", 3);
        runner.AdvanceTime(100);

        runner.Matches.Should().BeEmpty();
        runner.TimedOut.Should().BeEmpty();
        runner.State.PartialMatches.Should().ContainSingle("only the start state is left");
    }

    [Fact]
    public void NegationAfterOneWindowEndedAndInsideAnother_OnlyTheFirstMatches()
    {
        var runner = new NfaRunner(ANotN(5));
        runner.Feed("a1", 0);
        runner.Feed("a2", 2);
        runner.Feed("n", 6); // a1's window ended at 5, before n; a2's runs to 7
        runner.AdvanceTime(100);

        runner.Matches.Should().Equal("a1");
    }

    [Fact]
    public void AfterASequence_MatchesTheWholeSequence()
    {
        var pattern = Pattern<string>.Begin("a").Where(Is('a')).FollowedBy("b").Where(Is('b'))
            .NotFollowedBy("n").Where(Is('n')).Within(TimeSpan.FromMilliseconds(10));
        var runner = new NfaRunner(pattern);
        runner.Feed("a1", 0);
        runner.Feed("b1", 1);
        runner.Feed("n", 3);
        runner.Feed("a2", 20);
        runner.Feed("c", 21);
        runner.Feed("b2", 22);
        runner.AdvanceTime(30);

        runner.Matches.Should().Equal("a2 b2");
    }

    [Fact]
    public void LoopingElementBeforeIt_NegationStopsTheLoopToo()
    {
        var pattern = Pattern<string>.Begin("a").Where(Is('a')).OneOrMore().Consecutive()
            .NotFollowedBy("n").Where(Is('n')).Within(TimeSpan.FromMilliseconds(10));
        var runner = new NfaRunner(pattern);
        runner.Feed("a1", 0);
        runner.Feed("a2", 1);
        runner.Feed("n", 2);
        runner.AdvanceTime(50);

        runner.Matches.Should().BeEmpty("every partial match saw n within its window");
    }
}

using Flinq.Cep.Patterns;
using static Flinq.Cep.Tests.Nfa.NfaRunner;

namespace Flinq.Cep.Tests.Nfa;

public class WithinTests
{
    private static Pattern<string> AB(long windowMs) =>
        Pattern<string>.Begin("a").Where(Is('a')).FollowedBy("b").Where(Is('b')).Within(TimeSpan.FromMilliseconds(windowMs));

    [Fact]
    public void Within_CompletesInsideWindow_Matches()
    {
        var runner = new NfaRunner(AB(5));
        runner.Feed("a", 0);
        runner.Feed("b", 4);
        runner.Matches.Should().Equal("a b");
        runner.TimedOut.Should().BeEmpty();
    }

    [Fact]
    public void Within_WindowReached_TimesOutAtStartPlusWindow()
    {
        var runner = new NfaRunner(AB(5));
        runner.Feed("a", 0);
        runner.Feed("b", 5);
        runner.Matches.Should().BeEmpty();
        runner.TimedOut.Should().Equal("a@5");
    }

    [Fact]
    public void AdvanceTime_NoEvents_TimesOut()
    {
        var runner = new NfaRunner(AB(5));
        runner.Feed("a", 1);
        runner.AdvanceTime(5);
        runner.TimedOut.Should().BeEmpty();
        runner.AdvanceTime(6);
        runner.TimedOut.Should().Equal("a@6");
    }

    [Fact]
    public void Within_ManyStarts_PartialMatchesStayBounded()
    {
        var runner = new NfaRunner(AB(10));
        for (int t = 0; t < 10_000; t++)
        {
            runner.Feed("a" + t, t);
            runner.State.PartialMatches.Count.Should().BeLessThanOrEqualTo(11);
        }

        runner.TimedOut.Should().HaveCount(10_000 - 10);
    }
}

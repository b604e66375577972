using Flinq.Cep.Patterns;
using static Flinq.Cep.Tests.Nfa.NfaRunner;

namespace Flinq.Cep.Tests.Nfa;

/// <summary>
/// Group patterns (Flink's <c>Pattern.begin(Pattern)</c>, <c>next/followedBy(Pattern)</c>): a group of one element
/// behaves exactly like that element with the same quantifier, an unquantified group like its elements inlined, and
/// quantified groups of several elements as hand-checked below. Matches are keyed by the groups' element names,
/// printed name by name in pattern order.
/// </summary>
public class GroupPatternTests
{
    private static readonly string[] s_inputs =
    [
        "x b1 y",
        "x b1 b2 y",
        "x b1 c b2 b3 y",
        "x c y b1 y",
        "x1 b1 x2 b2 y1 y2",
        "b1 x b2 c y",
    ];

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var input in s_inputs)
        {
            data.Add(input);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void GroupOfOne_OneOrMore_SameAsTheElementOneOrMore(string input) =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b'))).OneOrMore().FollowedBy("y").Where(Is('y')), input)
            .Should().Equal(Run(X().FollowedBy("b").Where(Is('b')).OneOrMore().FollowedBy("y").Where(Is('y')), input));

    [Theory]
    [MemberData(nameof(Inputs))]
    public void GroupOfOne_TimesFromTo_SameAsTheElementTimes(string input) =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b'))).Times(1, 2).FollowedBy("y").Where(Is('y')), input)
            .Should().Equal(Run(X().FollowedBy("b").Where(Is('b')).Times(1, 2).FollowedBy("y").Where(Is('y')), input));

    [Theory]
    [MemberData(nameof(Inputs))]
    public void GroupOfOne_ConsecutiveOneOrMore_SameAsTheElement(string input) =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b'))).OneOrMore().Consecutive().FollowedBy("y").Where(Is('y')), input)
            .Should().Equal(Run(X().FollowedBy("b").Where(Is('b')).OneOrMore().Consecutive().FollowedBy("y").Where(Is('y')), input));

    [Theory]
    [MemberData(nameof(Inputs))]
    public void GroupOfOne_Optional_SameAsTheElementOptional(string input) =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b'))).Optional().FollowedBy("y").Where(Is('y')), input)
            .Should().Equal(Run(X().FollowedBy("b").Where(Is('b')).Optional().FollowedBy("y").Where(Is('y')), input));

    [Theory]
    [MemberData(nameof(Inputs))]
    public void UnquantifiedGroup_SameAsItsElementsInlined(string input) =>
        Run(X().FollowedBy(Pattern<string>.Begin("b").Where(Is('b')).FollowedBy("c").Where(Is('c'))).Next("y").Where(Is('y')), input)
            .Should().Equal(Run(X().FollowedBy("b").Where(Is('b')).FollowedBy("c").Where(Is('c')).Next("y").Where(Is('y')), input));

    [Fact]
    public void BeginWithGroup_SameAsItsElementsInlined() =>
        Run(Pattern<string>.Begin(Pattern<string>.Begin("b").Where(Is('b')).Next("c").Where(Is('c'))).FollowedBy("y").Where(Is('y')), "b1 c1 b2 c2 y")
            .Should().Equal("b1 c1 y", "b2 c2 y");

    [Fact]
    public void GroupTimesTwo_StrictInsideRelaxedBetween_HandChecked()
    {
        var pattern = X().FollowedBy(AB()).Times(2);

        Run(pattern, "x a1 b1 c a2 b2").Should().Equal("x a1 a2 b1 b2");
        Run(pattern, "x a1 c b1 a2 b2").Should().BeEmpty("c breaks the strict a-next-b of the first copy");
        Run(pattern, "x a1 b1").Should().BeEmpty("only one copy of the group");
    }

    [Fact]
    public void GroupOneOrMore_EveryNumberOfCopies_HandChecked() =>
        Run(X().FollowedBy(AB()).OneOrMore().FollowedBy("y").Where(Is('y')), "x a1 b1 a2 b2 y")
            .Should().BeEquivalentTo("x a1 a2 b1 b2 y", "x a1 b1 y");

    [Fact]
    public void GroupOneOrMoreConsecutive_CopiesMustBeAdjacent_HandChecked() =>
        Run(X().FollowedBy(AB()).OneOrMore().Consecutive().FollowedBy("y").Where(Is('y')), "x a1 b1 c a2 b2 y")
            .Should().Equal("x a1 b1 y");

    [Fact]
    public void OptionalGroup_TakenOrSkipped_HandChecked()
    {
        var pattern = X().FollowedBy(AB()).Optional().FollowedBy("y").Where(Is('y'));

        Run(pattern, "x y").Should().Equal("x y");
        Run(pattern, "x a b y").Should().BeEquivalentTo("x a b y", "x y");
    }

    [Fact]
    public void NextGroup_StrictBeforeItsHead_HandChecked()
    {
        var pattern = X().Next(AB());

        Run(pattern, "x a b").Should().Equal("x a b");
        Run(pattern, "x c a b").Should().BeEmpty();
    }

    [Fact]
    public void Where_OnAGroup_Throws() =>
        FluentActions.Invoking(() => X().FollowedBy(AB()).Where(Is('a'))).Should().Throw<InvalidOperationException>().WithMessage("*group pattern*");

    [Fact]
    public void Compile_NameUsedInsideAndOutsideAGroup_Throws() =>
        FluentActions.Invoking(() => Run(X().FollowedBy(Pattern<string>.Begin("x").Where(Is('x'))), "x")).Should().Throw<ArgumentException>().WithMessage("*'x' is used twice*");

    [Fact]
    public void Compile_NotFollowedByBeforeAGroup_NotSupported() =>
        FluentActions.Invoking(() => Run(X().NotFollowedBy("n").Where(Is('n')).FollowedBy(AB()), "x")).Should().Throw<NotSupportedException>();

    private static Pattern<string> X() => Pattern<string>.Begin("x").Where(Is('x'));

    private static Pattern<string> AB() => Pattern<string>.Begin("a").Where(Is('a')).Next("b").Where(Is('b'));
}

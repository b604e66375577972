using System.Text.Json;
using Flinq.Cep.Dynamic;
using Flinq.Cep.Nfa;

namespace Flinq.Cep.Tests.Dynamic;

/// <summary>Group patterns in the JSON and YAML forms: same matches as the pattern API's groups; errors name where.</summary>
public class PatternDefinitionGroupTests
{
    private const string LoginFailsJson = """
        {"id": "p", "elements": [
          {"name": "s", "condition": {"field": "t", "op": "eq", "value": "s"}},
          {"contiguity": "followedBy", "oneOrMore": true, "group": [
            {"name": "a", "condition": {"field": "t", "op": "eq", "value": "a"}},
            {"name": "b", "contiguity": "next", "condition": {"field": "t", "op": "eq", "value": "b"}}]},
          {"name": "e", "contiguity": "followedBy", "condition": {"field": "t", "op": "eq", "value": "e"}}]}
        """;

    private const string LoginFailsYaml = """
        id: p
        elements:
          - name: s
            condition: {field: t, op: eq, value: s}
          - contiguity: followedBy
            oneOrMore: true
            group:
              - name: a
                condition: {field: t, op: eq, value: a}
              - name: b
                contiguity: next
                condition: {field: t, op: eq, value: b}
          - name: e
            contiguity: followedBy
            condition: {field: t, op: eq, value: e}
        """;

    [Fact]
    public void Parse_LoopingGroup_MatchesEveryNumberOfCopies() =>
        Run(PatternDefinition.Parse(LoginFailsJson), "s a1 b1 a2 b2 e").Should().BeEquivalentTo("s a1 a2 b1 b2 e", "s a1 b1 e");

    [Fact]
    public void Parse_LoopingGroup_StrictInsideTheGroup() =>
        Run(PatternDefinition.Parse(LoginFailsJson), "s a1 x b1 e").Should().BeEmpty("b must follow a at once");

    [Fact]
    public void ParseYaml_Group_ReadsTheSameDefinitionAsJson() =>
        JsonSerializer.Serialize(PatternDefinition.ParseYaml(LoginFailsYaml)).Should().Be(JsonSerializer.Serialize(PatternDefinition.Parse(LoginFailsJson)));

    [Fact]
    public void Parse_NestedOptionalGroup_TakenOrSkipped()
    {
        var definition = PatternDefinition.Parse("""
            {"id": "p", "elements": [
              {"name": "s", "condition": {"field": "t", "op": "eq", "value": "s"}},
              {"contiguity": "followedBy", "optional": true, "group": [
                {"group": [{"name": "a", "condition": {"field": "t", "op": "eq", "value": "a"}}], "times": 2},
                {"name": "b", "contiguity": "followedBy", "condition": {"field": "t", "op": "eq", "value": "b"}}]},
              {"name": "e", "contiguity": "followedBy", "condition": {"field": "t", "op": "eq", "value": "e"}}]}
            """);

        Run(definition, "s a1 x a2 b1 e").Should().BeEquivalentTo("s a1 a2 b1 e", "s e");
        Run(definition, "s a1 b1 e").Should().Equal("s e");
    }

    [Theory]
    [InlineData("""{"name": "g", "group": [{"name": "a"}]}""", "elements[1]: a group takes no name")]
    [InlineData("""{"group": [{"name": "a"}], "condition": {"field": "t", "op": "eq", "value": "a"}}""", "elements[1]: a group takes no condition")]
    [InlineData("""{"group": []}""", "elements[1]: a group needs at least one element")]
    [InlineData("""{"contiguity": "notNext", "group": [{"name": "a"}]}""", "elements[1]: a group cannot be negative")]
    [InlineData("""{"group": [{"name": "a"}, {"group": [{"name": "b"}], "greedy": true}]}""", "elements[1].group[1]: a group takes no greedy")]
    [InlineData("""{"group": 5}""", "LineNumber: 0")]
    public void Parse_InvalidGroup_ThrowsWithWhere(string group, string reason) =>
        FluentActions.Invoking(() => PatternDefinition.Parse($$"""{"id": "p", "elements": [{"name": "s"}, {{group}}]}""").ToPattern())
            .Should().Throw<FormatException>().WithMessage($"*{reason}*");

    [Fact]
    public void ParseYaml_SyntaxErrorInsideAGroup_GivesLineAndColumn() =>
        FluentActions.Invoking(() => PatternDefinition.ParseYaml("id: p\nelements:\n  - name: s\n  - group:\n      - name: a\n        condition: {field: t, op: eq\n"))
            .Should().Throw<FormatException>().WithMessage("*line 7, column 1*");

    [Fact]
    public void Parse_QuantifiedGroupOfOptionalElements_Rejected() =>
        FluentActions.Invoking(() => NfaCompiler<JsonElement>.Compile(PatternDefinition.Parse("""
            {"id": "p", "elements": [{"name": "s"}, {"times": 2, "group": [{"name": "a", "optional": true}]}]}
            """).ToPattern())).Should().Throw<NotSupportedException>().WithMessage("*can match without taking an event*");

    /// <summary>Events "s a1 b1 ..." become {"t": "s"}, {"t": "a", "n": "a1"}, ...; matches print their events' names in pattern order.</summary>
    private static List<string> Run(PatternDefinition definition, string events)
    {
        var processor = new NfaProcessor<JsonElement>(NfaCompiler<JsonElement>.Compile(definition.ToPattern()));
        var state = processor.CreateInitialState();
        var matches = new Collector();
        long t = 0;
        foreach (var e in events.Split(' '))
        {
            var json = JsonSerializer.SerializeToElement(new { t = e[..1], n = e });
            processor.Process(state, json, t++, matches, null);
        }

        return matches.Items;
    }

    private sealed class Collector : NfaProcessor<JsonElement>.ICollector
    {
        public List<string> Items { get; } = new();

        public void Collect(IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> match, long timestamp) =>
            Items.Add(string.Join(' ', match.Values.SelectMany(v => v).Select(e => e.GetProperty("n").GetString())));
    }
}

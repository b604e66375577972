using System.Text.Json;
using Flinq.Cep.Dynamic;

namespace Flinq.Cep.Tests.Dynamic;

public class PatternDefinitionYamlTests
{
    private const string FraudYaml = """
        id: fraud
        withinMs: 300000
        skip: skipPastLastEvent
        elements:
          - name: small
            condition: {field: amount, op: lt, value: 10}
            times: 3
            inner: consecutive
          - name: large
            contiguity: followedBy
            condition:
              and:
                - {field: amount, op: gt, value: 5000}
                - {field: currency, op: eq, value: "5000"}
        """;

    private const string FraudJson = """
        {"id": "fraud", "withinMs": 300000, "skip": "skipPastLastEvent",
         "elements": [
           {"name": "small", "condition": {"field": "amount", "op": "lt", "value": 10}, "times": 3, "inner": "consecutive"},
           {"name": "large", "contiguity": "followedBy",
            "condition": {"and": [{"field": "amount", "op": "gt", "value": 5000}, {"field": "currency", "op": "eq", "value": "5000"}]}}]}
        """;

    [Fact]
    public void ParseYaml_SamePatternAsJson_ReadsTheSameDefinition()
    {
        var yaml = PatternDefinition.ParseYaml(FraudYaml);
        var json = PatternDefinition.Parse(FraudJson);

        JsonSerializer.Serialize(yaml).Should().Be(JsonSerializer.Serialize(json));
        yaml.Elements[1].Condition!.Value.GetProperty("and")[1].GetProperty("value").ValueKind.Should().Be(JsonValueKind.String, "a quoted scalar stays a string");
        yaml.Elements[1].Condition!.Value.GetProperty("and")[0].GetProperty("value").ValueKind.Should().Be(JsonValueKind.Number, "a plain number becomes a number");
    }

    [Fact]
    public void ParseYaml_Condition_EvaluatesLikeTheJsonForm()
    {
        var condition = JsonCondition.Compile(PatternDefinition.ParseYaml(FraudYaml).Elements[1].Condition!.Value);

        condition(JsonDocument.Parse("""{"amount": 6000, "currency": "5000"}""").RootElement).Should().BeTrue();
        condition(JsonDocument.Parse("""{"amount": 6000, "currency": 5000}""").RootElement).Should().BeFalse();
    }

    [Theory]
    [InlineData("id: a\nelements: [\n", "line 3")]
    [InlineData("id: a\nid: b\n", "line 2, column 1: Duplicate key id")]
    [InlineData("- 1\n- 2\n", "Invalid pattern definition")]
    public void ParseYaml_Invalid_ThrowsWithReason(string yaml, string reason) =>
        FluentActions.Invoking(() => PatternDefinition.ParseYaml(yaml)).Should().Throw<FormatException>().WithMessage($"*{reason}*");
}

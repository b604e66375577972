using System.Text.Json;
using Flinq.Cep.Dynamic;

namespace Flinq.Cep.Tests.Dynamic;

public class JsonConditionTests
{
    private static JsonElement E(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Theory]
    [InlineData("""{"field":"amount","op":"lt","value":10}""", """{"amount":5}""", true)]
    [InlineData("""{"field":"amount","op":"lt","value":10}""", """{"amount":10}""", false)]
    [InlineData("""{"field":"amount","op":">=","value":10}""", """{"amount":10}""", true)]
    [InlineData("""{"field":"user.country","op":"eq","value":"DE"}""", """{"user":{"country":"DE"}}""", true)]
    [InlineData("""{"field":"user.country","op":"ne","value":"DE"}""", """{"user":{"country":"FR"}}""", true)]
    [InlineData("""{"field":"missing","op":"eq","value":1}""", """{"amount":1}""", false)]
    [InlineData("""{"field":"msg","op":"contains","value":"fail"}""", """{"msg":"login failed"}""", true)]
    [InlineData("""{"field":"msg","op":"regex","value":"^log.*ed$"}""", """{"msg":"login failed"}""", true)]
    [InlineData("""{"field":"msg","op":"exists"}""", """{"msg":null}""", true)]
    [InlineData("""{"and":[{"field":"a","op":"gt","value":1},{"field":"b","op":"eq","value":true}]}""", """{"a":2,"b":true}""", true)]
    [InlineData("""{"or":[{"field":"a","op":"gt","value":5},{"field":"b","op":"eq","value":true}]}""", """{"a":2,"b":false}""", false)]
    [InlineData("""{"not":{"field":"a","op":"gt","value":5}}""", """{"a":2}""", true)]
    [InlineData("""{"field":"a","op":"lt","value":10}""", """{"a":"5"}""", false)]
    public void Compile_Condition_EvaluatesAsDocumented(string condition, string ev, bool expected) =>
        JsonCondition.Compile(condition)(E(ev)).Should().Be(expected);

    [Theory]
    [InlineData("""{"field":"a","op":"between","value":1}""", "Unknown op")]
    [InlineData("""{"op":"eq","value":1}""", "field")]
    [InlineData("""{"and":[]}""", "non-empty")]
    [InlineData("""{"field":"a","op":"eq"}""", "value")]
    public void Compile_Invalid_ThrowsWithReason(string condition, string reason) =>
        FluentActions.Invoking(() => JsonCondition.Compile(condition)).Should().Throw<FormatException>().WithMessage($"*{reason}*");
}

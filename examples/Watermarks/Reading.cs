using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flinq.Examples.Watermarks;

/// <summary>One input line: <c>{"key":"a","ts":1767225601000,"value":1}</c>, ts in epoch milliseconds.</summary>
internal sealed record Reading(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("ts")] long Ts,
    [property: JsonPropertyName("value")] double Value)
{
    public static Reading Parse(string line) =>
        JsonSerializer.Deserialize<Reading>(line)
        ?? throw new FormatException($"Not a reading: '{line}'. Expected {{\"key\":...,\"ts\":...,\"value\":...}}.");
}

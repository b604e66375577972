using System.Text.Json.Serialization;

namespace Flinq.Examples.KafkaPipeline;

/// <summary>One input event: <c>{"user":"u1","page":"/home","ts":1767225601000}</c>, ts in epoch milliseconds.</summary>
internal sealed record Click(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("page")] string Page,
    [property: JsonPropertyName("ts")] long Ts);

/// <summary>One output record: the clicks on a page in one event-time window.</summary>
internal sealed record PageCount(
    [property: JsonPropertyName("page")] string Page,
    [property: JsonPropertyName("windowStart")] long WindowStart,
    [property: JsonPropertyName("windowEnd")] long WindowEnd,
    [property: JsonPropertyName("clicks")] long Clicks);

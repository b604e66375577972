using System.Text.Json.Serialization;
using Flinq.Monitor.Ingest;

namespace Flinq.Server.Ingest;

/// <summary>
/// The JSON body of a non-OTLP write answer: <c>code</c> and <c>message</c> as InfluxDB writes them, the
/// location of a body error, and for a decoded body the counts and first errors.
/// </summary>
internal sealed class IngestReport
{
    [JsonPropertyName("code")]
    public string Code { get; init; } = "ok";

    [JsonPropertyName("message")]
    public string Message { get; init; } = string.Empty;

    [JsonPropertyName("line")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Line { get; init; }

    [JsonPropertyName("offset")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Offset { get; init; }

    [JsonPropertyName("field")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    [JsonPropertyName("accepted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Accepted { get; init; }

    [JsonPropertyName("rejected")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Rejected { get; init; }

    [JsonPropertyName("dropped")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Dropped { get; init; }

    [JsonPropertyName("errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Errors { get; init; }

    public static IngestReport From(IngestResult result, string? message) => new()
    {
        Code = result.Rejected > 0 ? "invalid" : "ok",
        Message = message ?? result.ToString(),
        Accepted = result.Accepted,
        Rejected = result.Rejected,
        Dropped = result.Dropped,
        Errors = result.Errors.Select(e => e.ToString()).ToList(),
    };
}

using System.Text.Json;

namespace Flinq.Examples.Dedup;

/// <summary>
/// An input record: its id and the original line, passed through unchanged. The line is any JSON object with
/// a string or number <c>id</c> (or another field, <c>--id-field</c>): <c>{"id":"e1","ts":1767225600000,"amount":3}</c>.
/// </summary>
public sealed record KeyedRecord(string Id, string Line)
{
    /// <summary>Reads the id field of a JSON line; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static KeyedRecord Parse(string line, string idField)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(idField);
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("expected a JSON object");
            }

            if (!document.RootElement.TryGetProperty(idField, out var id))
            {
                throw new FormatException($"no '{idField}' field");
            }

            return id.ValueKind switch
            {
                JsonValueKind.String when id.GetString() is { Length: > 0 } text => new KeyedRecord(text, line),
                JsonValueKind.Number => new KeyedRecord(id.GetRawText(), line),
                _ => throw new FormatException($"'{idField}' must be a non-empty string or a number, not {id.ValueKind}"),
            };
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }
    }
}

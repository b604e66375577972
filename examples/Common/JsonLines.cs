using System.Text.Json;

namespace Flinq.Examples.Common;

/// <summary>How the examples read and write JSON: camelCase names, required members and nullability enforced.</summary>
public static class JsonLines
{
    /// <summary>
    /// The serializer options of every example: web defaults (camelCase, case-insensitive reading, numbers
    /// strictly as numbers), <c>required</c> members and non-nullable annotations enforced, so a line missing a
    /// field or with a null where a value is needed is rejected with a reason instead of yielding half a record.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    /// <summary>Parses one JSON line into a <typeparamref name="T"/>; throws <see cref="FormatException"/> with the reason.</summary>
    public static T Parse<T>(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            return JsonSerializer.Deserialize<T>(line, Options)
                ?? throw new FormatException($"expected a JSON object for {typeof(T).Name}, got null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>Formats <paramref name="value"/> as one JSON line (no trailing newline).</summary>
    public static string Format<T>(T value) => JsonSerializer.Serialize(value, Options);
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flinq.Cep.Dynamic;

/// <summary>
/// Compiles the condition language of JSON patterns into a predicate over JSON events. Forms:
/// <c>{"field": "a.b", "op": "lt", "value": 10}</c> with ops eq, ne, lt, le, gt, ge (or ==, !=, &lt;, &lt;=, &gt;, &gt;=),
/// contains (substring), regex (.NET syntax, matched anywhere), exists (no value); <c>{"and": [...]}</c>,
/// <c>{"or": [...]}</c>, <c>{"not": {...}}</c>. Fields are dotted paths into objects. Numbers compare as numbers,
/// strings ordinally, booleans and null by equality; a missing field or mismatched types make a comparison false.
/// </summary>
public static class JsonCondition
{
    /// <summary>Compiles <paramref name="condition"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Func<JsonElement, bool> Compile(JsonElement condition)
    {
        if (condition.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A condition must be a JSON object, not {condition.ValueKind}: {condition.GetRawText()}");
        }

        if (condition.TryGetProperty("and", out var and))
        {
            var parts = CompileList(and, "and");
            return e => Array.TrueForAll(parts, p => p(e));
        }

        if (condition.TryGetProperty("or", out var or))
        {
            var parts = CompileList(or, "or");
            return e => Array.Exists(parts, p => p(e));
        }

        if (condition.TryGetProperty("not", out var not))
        {
            var inner = Compile(not);
            return e => !inner(e);
        }

        if (!condition.TryGetProperty("field", out var fieldElement) || fieldElement.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"A condition needs \"and\", \"or\", \"not\" or a string \"field\": {condition.GetRawText()}");
        }

        string[] path = fieldElement.GetString()!.Split('.');
        string op = condition.TryGetProperty("op", out var opElement) ? opElement.GetString() ?? "" : "";
        if (op == "exists")
        {
            return e => TryGet(e, path, out _);
        }

        if (!condition.TryGetProperty("value", out var value))
        {
            throw new FormatException($"Condition on '{string.Join('.', path)}' with op '{op}' needs a \"value\".");
        }

        value = value.Clone();
        switch (op)
        {
            case "contains":
                string needle = value.GetString() ?? throw new FormatException("\"contains\" needs a string value.");
                return e => TryGet(e, path, out var f) && f.ValueKind == JsonValueKind.String && f.GetString()!.Contains(needle, StringComparison.Ordinal);
            case "regex":
                var regex = new Regex(value.GetString() ?? throw new FormatException("\"regex\" needs a string value."), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                return e => TryGet(e, path, out var f) && f.ValueKind == JsonValueKind.String && regex.IsMatch(f.GetString()!);
        }

        Func<int, bool> test = op switch
        {
            "eq" or "==" => c => c == 0,
            "ne" or "!=" => c => c != 0,
            "lt" or "<" => c => c < 0,
            "le" or "<=" => c => c <= 0,
            "gt" or ">" => c => c > 0,
            "ge" or ">=" => c => c >= 0,
            _ => throw new FormatException($"Unknown op '{op}' (use eq, ne, lt, le, gt, ge, contains, regex, exists)."),
        };
        bool equalityOnly = op is "eq" or "==" or "ne" or "!=";
        return e => TryGet(e, path, out var f) && Compare(f, value, equalityOnly) is { } c ? test(c) : op is "ne" or "!=" && TryGet(e, path, out _);
    }

    /// <summary>Parses and compiles a condition written as JSON text.</summary>
    public static Func<JsonElement, bool> Compile(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Compile(document.RootElement.Clone());
    }

    private static Func<JsonElement, bool>[] CompileList(JsonElement list, string what)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new FormatException($"\"{what}\" needs a non-empty array of conditions.");
        }

        return list.EnumerateArray().Select(Compile).ToArray();
    }

    private static bool TryGet(JsonElement element, string[] path, out JsonElement field)
    {
        field = element;
        foreach (var part in path)
        {
            if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty(part, out field))
            {
                return false;
            }
        }

        return true;
    }

    private static int? Compare(JsonElement field, JsonElement value, bool equalityOnly)
    {
        if (field.ValueKind == JsonValueKind.Number && value.ValueKind == JsonValueKind.Number)
        {
            return field.GetDouble().CompareTo(value.GetDouble());
        }

        if (field.ValueKind == JsonValueKind.String && value.ValueKind == JsonValueKind.String)
        {
            return string.CompareOrdinal(field.GetString(), value.GetString());
        }

        if (equalityOnly && field.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null
            && value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
        {
            return field.ValueKind == value.ValueKind ? 0 : 1;
        }

        return null;
    }
}

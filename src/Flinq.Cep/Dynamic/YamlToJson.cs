using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flinq.Cep.Dynamic;

/// <summary>
/// Converts a YAML document to JSON so the YAML form of a pattern goes through the same reader as the JSON form.
/// Plain scalars are typed by YAML 1.2's core schema (null, ~ and empty → null; true/false → booleans; integers and
/// decimals → numbers; anything else → a string); quoted scalars are always strings.
/// </summary>
internal static class YamlToJson
{
    /// <summary>Converts; throws <see cref="FormatException"/> with the line and column of a YAML syntax error.</summary>
    public static string Convert(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"Invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new FormatException($"Expected exactly one YAML document, found {stream.Documents.Count}.");
        }

        return (ToNode(stream.Documents[0].RootNode) ?? JsonValue.Create((string?)null))?.ToJsonString() ?? "null";
    }

    private static JsonNode? ToNode(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new FormatException($"Line {key.Start.Line}, column {key.Start.Column}: mapping keys must be plain text.");
                    }

                    // Duplicate keys are refused by the YAML loader already (with their position).
                    obj[name] = ToNode(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToNode(item));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new FormatException($"Line {node.Start.Line}, column {node.Start.Column}: unsupported YAML node (aliases are not allowed).");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double number)
            && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }
}

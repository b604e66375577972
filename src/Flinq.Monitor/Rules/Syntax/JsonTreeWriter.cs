using System.Text.Json;

namespace Flinq.Monitor.Rules.Syntax;

/// <summary>Writes a <see cref="SyntaxNode"/> tree as JSON: numbers and booleans as such, every other scalar as a string.</summary>
internal static class JsonTreeWriter
{
    public static void Write(Utf8JsonWriter writer, SyntaxNode node)
    {
        switch (node)
        {
            case MappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key.Value);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case SequenceNode seq:
                writer.WriteStartArray();
                foreach (var item in seq.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ScalarNode { Kind: ScalarKind.Number } n:
                writer.WriteRawValue(n.Value);
                break;
            case ScalarNode { Kind: ScalarKind.Boolean } b:
                writer.WriteBooleanValue(b.Value == "true");
                break;
            case ScalarNode s:
                writer.WriteStringValue(s.Value);
                break;
        }
    }
}

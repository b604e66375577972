using System.Text;
using System.Text.Json;

namespace Flinq.Monitor.Rules.Syntax;

/// <summary>
/// Reads a JSON document into a <see cref="SyntaxNode"/> tree with 1-based line and column (in characters) for
/// every token, through <see cref="Utf8JsonReader"/>. Comments and trailing commas are tolerated; duplicate keys
/// are reported; the nesting depth is limited.
/// </summary>
internal static class JsonTreeReader
{
    private const int MaxDepth = 64;

    /// <summary>The document's root (null when empty or unreadable); problems go to <paramref name="errors"/>.</summary>
    public static SyntaxNode? Read(string text, List<RuleError> errors)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineMap(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = MaxDepth,
        });
        try
        {
            if (!reader.Read())
            {
                return null;
            }

            var root = ReadValue(ref reader, lines, errors, string.Empty);
            if (reader.Read())
            {
                var (line, column) = lines.Position(reader.TokenStartIndex);
                errors.Add(new RuleError(line, column, string.Empty, "JSON syntax: unexpected text after the document"));
            }

            return root;
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0) + 1;
            long offset = lines.Offset(line, e.BytePositionInLine ?? 0);
            var (l, column) = lines.Position(offset);
            errors.Add(new RuleError(l, column, string.Empty, "JSON syntax: " + FirstSentence(e.Message)));
            return null;
        }
    }

    private static SyntaxNode ReadValue(ref Utf8JsonReader reader, LineMap lines, List<RuleError> errors, string path)
    {
        var (line, column) = lines.Position(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var entries = new List<KeyValuePair<ScalarNode, SyntaxNode>>();
                var seen = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (kl, kc) = lines.Position(reader.TokenStartIndex);
                    var key = new ScalarNode(kl, kc, reader.GetString()!, ScalarKind.String);
                    reader.Read();
                    string keyPath = SyntaxPath.Key(path, key.Value);
                    var value = ReadValue(ref reader, lines, errors, keyPath);
                    if (seen.TryGetValue(key.Value, out var first))
                    {
                        errors.Add(new RuleError(kl, kc, keyPath, $"duplicate key \"{key.Value}\" (first at line {first.Line}, column {first.Column})"));
                        continue;
                    }

                    seen.Add(key.Value, key);
                    entries.Add(new KeyValuePair<ScalarNode, SyntaxNode>(key, value));
                }

                return new MappingNode(line, column, entries);
            }

            case JsonTokenType.StartArray:
            {
                var items = new List<SyntaxNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lines, errors, SyntaxPath.Index(path, items.Count)));
                }

                return new SequenceNode(line, column, items);
            }

            case JsonTokenType.String:
                return new ScalarNode(line, column, reader.GetString()!, ScalarKind.String);
            case JsonTokenType.Number:
                return new ScalarNode(line, column, Encoding.UTF8.GetString(reader.ValueSpan), ScalarKind.Number);
            case JsonTokenType.True:
                return new ScalarNode(line, column, "true", ScalarKind.Boolean);
            case JsonTokenType.False:
                return new ScalarNode(line, column, "false", ScalarKind.Boolean);
            default:
                return new ScalarNode(line, column, string.Empty, ScalarKind.Null);
        }
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }

    /// <summary>Byte offsets to 1-based line and character column.</summary>
    private sealed class LineMap
    {
        private readonly byte[] _bytes;
        private readonly List<int> _starts = [0];

        public LineMap(byte[] bytes)
        {
            _bytes = bytes;
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public long Offset(int line, long byteInLine) =>
            Math.Min(_bytes.Length, _starts[Math.Clamp(line - 1, 0, _starts.Count - 1)] + byteInLine);

        public (int Line, int Column) Position(long offset)
        {
            int index = _starts.BinarySearch((int)offset);
            int line = index >= 0 ? index : ~index - 1;
            int column = 1;
            for (int i = _starts[line]; i < offset && i < _bytes.Length; i++)
            {
                // Count characters, not bytes: skip UTF-8 continuation bytes.
                if ((_bytes[i] & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            return (line + 1, column);
        }
    }
}

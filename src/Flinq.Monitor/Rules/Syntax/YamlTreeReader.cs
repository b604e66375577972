using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Flinq.Monitor.Rules.Syntax;

/// <summary>
/// Reads one YAML document into a <see cref="SyntaxNode"/> tree with positions, through YamlDotNet's event parser
/// (not the representation model, which throws on the first duplicate key without collecting the rest).
/// Anchors and aliases resolve to the same node; the nesting depth is limited.
/// </summary>
internal static partial class YamlTreeReader
{
    private const int MaxDepth = 64;

    /// <summary>The document's root (null for an empty document); syntax problems and duplicate keys go to <paramref name="errors"/>.</summary>
    public static SyntaxNode? Read(string text, List<RuleError> errors)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, anchors, errors, 0, string.Empty);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                errors.Add(new RuleError((int)next.Start.Line, (int)next.Start.Column, string.Empty, "only one YAML document is allowed; remove the second '---'"));
            }

            return root is ScalarNode { Kind: ScalarKind.Null } ? null : root;
        }
        catch (YamlException e)
        {
            errors.Add(new RuleError((int)e.Start.Line, (int)e.Start.Column, string.Empty, "YAML syntax: " + StripMarks(e.Message)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (instead of a YamlException) on some malformed flow collections.
            var at = parser.Current?.End ?? Mark.Empty;
            errors.Add(new RuleError((int)at.Line, (int)at.Column, string.Empty, "YAML syntax: the document does not parse after this point; check brackets, braces and quotes"));
            return null;
        }
    }

    private static SyntaxNode ReadNode(IParser parser, Dictionary<string, SyntaxNode> anchors, List<RuleError> errors, int depth, string path)
    {
        var start = parser.Current!.Start;
        if (depth > MaxDepth)
        {
            throw new YamlException(start, start, $"nested deeper than {MaxDepth} levels");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new YamlException(start, start, $"alias *{alias.Value.Value} refers to no anchor defined before it");
        }

        SyntaxNode node;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor;
            node = new ScalarNode((int)start.Line, (int)start.Column, scalar.Value, KindOf(scalar));
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor;
            var items = new List<SyntaxNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors, errors, depth + 1, SyntaxPath.Index(path, items.Count)));
            }

            node = new SequenceNode((int)start.Line, (int)start.Column, items);
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            anchor = mappingStart.Anchor;
            var entries = new List<KeyValuePair<ScalarNode, SyntaxNode>>();
            var seen = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, anchors, errors, depth + 1, path);
                string keyPath = SyntaxPath.Key(path, keyNode is ScalarNode k ? k.Value : "?");
                var value = ReadNode(parser, anchors, errors, depth + 1, keyPath);
                if (keyNode is not ScalarNode key)
                {
                    errors.Add(new RuleError(keyNode.Line, keyNode.Column, path, "a mapping key must be a plain name, not " + keyNode.Describe()));
                    continue;
                }

                if (seen.TryGetValue(key.Value, out var first))
                {
                    errors.Add(new RuleError(key.Line, key.Column, keyPath, $"duplicate key \"{key.Value}\" (first at line {first.Line}, column {first.Column})"));
                    continue;
                }

                seen.Add(key.Value, key);
                entries.Add(new KeyValuePair<ScalarNode, SyntaxNode>(key, value));
            }

            node = new MappingNode((int)start.Line, (int)start.Column, entries);
        }
        else
        {
            throw new YamlException(start, start, "unexpected " + parser.Current.GetType().Name);
        }

        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }

        return node;
    }

    private static ScalarKind KindOf(Scalar scalar)
    {
        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value is "tag:yaml.org,2002:str" ? ScalarKind.String : ScalarKind.Plain;
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            return ScalarKind.String;
        }

        return scalar.Value is "" or "~" or "null" or "Null" or "NULL" ? ScalarKind.Null : ScalarKind.Plain;
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is reported separately.
    private static string StripMarks(string message) => MarksPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}

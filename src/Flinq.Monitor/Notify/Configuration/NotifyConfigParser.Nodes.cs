using System.Text.RegularExpressions;
using Flinq.Monitor.Telemetry;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>Reading YAML nodes with errors that point at them.</summary>
internal sealed partial class NotifyConfigParser
{
    internal static NotifyConfigException Fail(YamlNode node, string reason) => new(reason, node.Start.Line, node.Start.Column);

    internal static NotifyConfigException UnknownField(YamlNode node, string key, string where, IEnumerable<string> known) =>
        Fail(node, $"field {key} not found in {where}; known fields: {string.Join(", ", known)}");

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");

    internal static string Text(YamlNode node) => node is YamlScalarNode s
        ? s.Value ?? string.Empty
        : throw Fail(node, "expected a single value here, found a " + (node is YamlMappingNode ? "mapping" : "list"));

    internal static YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Fail(node, $"{what} must be a mapping (key: value lines)");

    internal static List<YamlNode> Items(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return [];
        }

        return node is YamlSequenceNode seq ? [.. seq.Children] : throw Fail(node, $"{what} must be a list");
    }

    internal static YamlNode? Find(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    internal static TimeSpan Duration(YamlNode node, string what)
    {
        string text = Text(node);
        return PromDuration.TryParse(text, out var d)
            ? d
            : throw Fail(node, $"{what}: not a valid duration string: \"{text}\" (use e.g. 30s, 5m, 1h30m, 4h, 1d)");
    }

    internal static bool Bool(YamlNode node, string what) => Text(node) switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var t => throw Fail(node, $"{what}: \"{t}\" is not true or false"),
    };

    internal static string LabelName(YamlNode node)
    {
        string name = Text(node);
        return IsValidLabelName(name) ? name : throw Fail(node, $"invalid label name \"{name}\" (names match [a-zA-Z_][a-zA-Z0-9_]*)");
    }

    internal static bool IsValidLabelName(string name) => LabelNamePattern().IsMatch(name);

    /// <summary><c>match</c>/<c>match_re</c>: a mapping of label name to value or regular expression.</summary>
    private static List<LabelMatcher> OldMatchers(YamlNode node, bool regex, string what)
    {
        var result = new List<LabelMatcher>();
        if (IsNull(node))
        {
            return result;
        }

        foreach (var (k, v) in Mapping(node, what).Children)
        {
            string name = LabelName(k);
            try
            {
                result.Add(new LabelMatcher(name, regex ? LabelMatchType.Regex : LabelMatchType.Equal, Text(v)));
            }
            catch (ArgumentException e)
            {
                throw Fail(v, $"{what}: {e.Message}");
            }
        }

        return result;
    }

    /// <summary><c>matchers</c>: a list of strings, each one or more matchers such as <c>severity=~"warn|crit"</c>.</summary>
    private static List<LabelMatcher> NewMatchers(YamlNode node, string what)
    {
        var result = new List<LabelMatcher>();
        foreach (var item in Items(node, what))
        {
            try
            {
                result.AddRange(LabelMatcher.ParseList(Text(item)));
            }
            catch (FormatException e)
            {
                throw Fail(item, $"{what}: bad matcher: {e.Message}");
            }
        }

        return result;
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelNamePattern();
}

using System.Globalization;
using System.Text.RegularExpressions;
using Flinq.Monitor.Rules.Syntax;

namespace Flinq.Monitor.Rules;

/// <summary>Typed reads of fields: each reports a wrong type, a missing required field or a bad value with its position and path.</summary>
internal sealed partial class RuleBinder
{
    private void Error(SyntaxNode node, string path, string message) => _errors.Add(new RuleError(node.Line, node.Column, path, message));

    private MappingNode? AsMapping(SyntaxNode node, string path, string what)
    {
        if (node is MappingNode m)
        {
            return m;
        }

        Error(node, path, $"expected {what} (a mapping), got {node.Describe()}");
        return null;
    }

    /// <summary>Reports every key of <paramref name="map"/> not in <paramref name="allowed"/>, suggesting the closest known key.</summary>
    private void CheckKeys(MappingNode map, string path, string[] allowed)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (Array.IndexOf(allowed, key.Value) >= 0)
            {
                continue;
            }

            string? suggestion = Closest(key.Value, allowed);
            Error(key, SyntaxPath.Key(path, key.Value), $"unknown field \"{key.Value}\""
                + (suggestion is null ? string.Empty : $"; did you mean \"{suggestion}\"?")
                + $" Known fields here: {string.Join(", ", allowed)}");
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent or null (reported when <paramref name="required"/>).</summary>
    private SyntaxNode? Field(MappingNode map, string key, string path, bool required)
    {
        var node = map.Get(key);
        if (node is null or ScalarNode { Kind: ScalarKind.Null })
        {
            if (required)
            {
                Error(map, SyntaxPath.Key(path, key), $"missing required field \"{key}\"");
            }

            return null;
        }

        return node;
    }

    private string? String(MappingNode map, string key, string path, bool required = false)
    {
        var node = Field(map, key, path, required);
        return node is null ? null : StringValue(node, SyntaxPath.Key(path, key));
    }

    private string? StringValue(SyntaxNode node, string path)
    {
        if (node is ScalarNode { Kind: ScalarKind.String or ScalarKind.Plain } s)
        {
            return s.Value;
        }

        Error(node, path, $"expected a string, got {node.Describe()}");
        return null;
    }

    private double? Number(MappingNode map, string key, string path, bool required = false)
    {
        var node = Field(map, key, path, required);
        if (node is null)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Number or ScalarKind.Plain } s && TryParseNumber(s.Value, out double value))
        {
            return value;
        }

        Error(node, SyntaxPath.Key(path, key), $"expected a number, got {node.Describe()}");
        return null;
    }

    private long? Integer(MappingNode map, string key, string path, long min, long max)
    {
        var node = Field(map, key, path, required: false);
        if (node is null)
        {
            return null;
        }

        string fieldPath = SyntaxPath.Key(path, key);
        if (node is not ScalarNode { Kind: ScalarKind.Number or ScalarKind.Plain } s
            || !long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            Error(node, fieldPath, $"expected a whole number, got {node.Describe()}");
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, fieldPath, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range; use {min} to {max}"));
            return null;
        }

        return value;
    }

    private bool? Boolean(MappingNode map, string key, string path)
    {
        var node = Field(map, key, path, required: false);
        if (node is null)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.Boolean or ScalarKind.Plain } s)
        {
            if (string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(s.Value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        Error(node, SyntaxPath.Key(path, key), $"expected true or false, got {node.Describe()}");
        return null;
    }

    /// <summary>A duration; <paramref name="positive"/> rejects zero.</summary>
    private TimeSpan? Duration(MappingNode map, string key, string path, bool required, bool positive)
    {
        var node = Field(map, key, path, required);
        if (node is null)
        {
            return null;
        }

        string fieldPath = SyntaxPath.Key(path, key);
        if (node is not ScalarNode { Kind: ScalarKind.String or ScalarKind.Plain } s)
        {
            Error(node, fieldPath, $"expected a duration such as 30s, 5m or 1h30m, got {node.Describe()}");
            return null;
        }

        if (!RuleDurations.TryParse(s.Value, out var duration, out string reason))
        {
            Error(node, fieldPath, $"\"{s.Value}\" is not a duration ({reason}); use e.g. 30s, 5m, 1h30m, 1d");
            return null;
        }

        if (positive && duration <= TimeSpan.Zero)
        {
            Error(node, fieldPath, "must be longer than zero");
            return null;
        }

        return duration;
    }

    /// <summary>A list of label names; duplicates reported.</summary>
    private List<string>? NameList(MappingNode map, string key, string path)
    {
        var node = Field(map, key, path, required: false);
        if (node is null)
        {
            return null;
        }

        string fieldPath = SyntaxPath.Key(path, key);
        if (node is not SequenceNode seq)
        {
            Error(node, fieldPath, $"expected a list of label names such as [host, service], got {node.Describe()}");
            return null;
        }

        var names = new List<string>(seq.Items.Count);
        int before = _errors.Count;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string itemPath = SyntaxPath.Index(fieldPath, i);
            if (StringValue(seq.Items[i], itemPath) is not { } name)
            {
                continue;
            }

            if (!RuleNames.IsGroupLabel(name))
            {
                Error(seq.Items[i], itemPath, $"\"{name}\" is not a label name (letters, digits, _ and ., not starting with a digit)");
            }
            else if (names.Contains(name, StringComparer.Ordinal))
            {
                Error(seq.Items[i], itemPath, $"\"{name}\" is listed twice");
            }
            else
            {
                names.Add(name);
            }
        }

        return _errors.Count == before ? names : null;
    }

    /// <summary>A mapping of label names to strings (labels, annotations).</summary>
    private Dictionary<string, string>? StringMap(MappingNode map, string key, string path, Func<string, SyntaxNode, string, bool> validate)
    {
        var node = Field(map, key, path, required: false);
        if (node is null)
        {
            return null;
        }

        string fieldPath = SyntaxPath.Key(path, key);
        if (AsMapping(node, fieldPath, key) is not { } m)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        int before = _errors.Count;
        foreach (var (k, v) in m.Entries)
        {
            string entryPath = SyntaxPath.Key(fieldPath, k.Value);
            if (!RuleNames.IsLabelName(k.Value))
            {
                Error(k, entryPath, $"\"{k.Value}\" is not a valid name (letters, digits and _, not starting with a digit)");
                continue;
            }

            // Numbers and booleans are fine as label values in YAML (priority: 1); JSON wants strings.
            string? value = v is ScalarNode { Kind: ScalarKind.Plain } plain ? plain.Value : StringValue(v, entryPath);
            if (value is not null && validate(value, v, entryPath))
            {
                result[k.Value] = value;
            }
        }

        return _errors.Count == before ? result : null;
    }

    private MetricSelector? Selector(MappingNode map, string key, string path, bool required = true)
    {
        var node = Field(map, key, path, required);
        if (node is null)
        {
            return null;
        }

        string fieldPath = SyntaxPath.Key(path, key);
        if (StringValue(node, fieldPath) is not { } text)
        {
            return null;
        }

        if (!SelectorParser.TryParse(text, out var selector, out string reason))
        {
            Error(node, fieldPath, reason);
            return null;
        }

        return selector;
    }

    private string? Regex(MappingNode map, string key, string path)
    {
        var node = Field(map, key, path, required: false);
        if (node is null || StringValue(node, SyntaxPath.Key(path, key)) is not { } pattern)
        {
            return null;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return pattern;
        }
        catch (ArgumentException e)
        {
            Error(node, SyntaxPath.Key(path, key), $"invalid regular expression: {e.Message}");
            return null;
        }
    }

    /// <summary>One of <paramref name="words"/> (case-insensitive), as its index.</summary>
    private int? Word(MappingNode map, string key, string path, bool required, string[] words)
    {
        var node = Field(map, key, path, required);
        if (node is null || StringValue(node, SyntaxPath.Key(path, key)) is not { } text)
        {
            return null;
        }

        for (int i = 0; i < words.Length; i++)
        {
            if (string.Equals(words[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        Error(node, SyntaxPath.Key(path, key), $"\"{text}\" is not one of {string.Join(", ", words)}");
        return null;
    }

    private static bool TryParseNumber(string text, out double value)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static string? Closest(string key, string[] allowed)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (var candidate in allowed)
        {
            int d = Distance(key, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

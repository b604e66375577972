using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Reads the fields of one YAML mapping with typed accessors, remembering which keys were read so that
/// <see cref="RejectUnknown"/> can refuse the rest. Every error carries the path, line and column.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlFields(YamlNode node, string path)
    {
        Path = path;
        _node = node as YamlMappingNode ?? throw Error(node, path, "expected a mapping of fields");
    }

    public string Path { get; }

    public YamlMappingNode Node => _node;

    public static ReceiverConfigException Error(YamlNode node, string path, string reason) =>
        new(path, node.Start.Line, node.Start.Column, reason);

    public ReceiverConfigException Error(string key, string reason)
    {
        var node = Find(key);
        return Error(node ?? _node, Path + "." + key, reason);
    }

    /// <summary>The node of <paramref name="key"/>, or null when absent or YAML null.</summary>
    public YamlNode? Get(string key)
    {
        _read.Add(key);
        var node = Find(key);
        return node is null || IsNull(node) ? null : node;
    }

    public string? String(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            throw Error(node, Path + "." + key, "expected a string");
        }

        return scalar.Value;
    }

    public string RequiredString(string key) =>
        String(key) is { Length: > 0 } value ? value : throw Error(key, $"\"{key}\" is required");

    public bool Bool(string key, bool defaultValue)
    {
        string? text = String(key);
        return text switch
        {
            null => defaultValue,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw Error(key, $"expected true or false, got \"{text}\""),
        };
    }

    public int Int(string key, int defaultValue, int min)
    {
        string? text = String(key);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min)
        {
            throw Error(key, $"expected an integer of at least {min}, got \"{text}\"");
        }

        return value;
    }

    /// <summary>An absolute http or https URL.</summary>
    public Uri? Url(string key)
    {
        string? text = String(key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Error(key, "expected an absolute http:// or https:// URL");
        }

        return uri;
    }

    /// <summary>A sequence of strings; a single scalar counts as a one-element list.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        var node = Get(key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return string.IsNullOrEmpty(scalar.Value) ? [] : [scalar.Value];
            case YamlSequenceNode sequence:
                var result = new List<string>(sequence.Children.Count);
                for (int i = 0; i < sequence.Children.Count; i++)
                {
                    if (sequence.Children[i] is not YamlScalarNode item || item.Value is null)
                    {
                        throw Error(sequence.Children[i], $"{Path}.{key}[{i}]", "expected a string");
                    }

                    result.Add(item.Value);
                }

                return result;
            default:
                throw Error(node, Path + "." + key, "expected a list of strings");
        }
    }

    /// <summary>A mapping of string to string, in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, Path + "." + key, "expected a mapping of strings");
        }

        var result = new List<KeyValuePair<string, string>>(mapping.Children.Count);
        foreach (var (k, v) in mapping.Children)
        {
            if (k is not YamlScalarNode name || string.IsNullOrEmpty(name.Value) || v is not YamlScalarNode value)
            {
                throw Error(k, Path + "." + key, "expected string keys and string values");
            }

            result.Add(new(name.Value, value.Value ?? string.Empty));
        }

        return result;
    }

    public YamlFields? Mapping(string key)
    {
        var node = Get(key);
        return node is null ? null : new YamlFields(node, Path + "." + key);
    }

    /// <summary>
    /// Refuses every key that was not read. <paramref name="unsupported"/> names Alertmanager fields Flinq knows
    /// but does not implement, so their error says so instead of "unknown".
    /// </summary>
    public void RejectUnknown(params ReadOnlySpan<string> unsupported)
    {
        foreach (var (k, _) in _node.Children)
        {
            string name = (k as YamlScalarNode)?.Value ?? string.Empty;
            if (_read.Contains(name))
            {
                continue;
            }

            foreach (string u in unsupported)
            {
                if (u == name)
                {
                    throw Error(k, Path + "." + name, $"\"{name}\" is an Alertmanager field Flinq does not support yet; remove it");
                }
            }

            string known = string.Join(", ", _read.Order(StringComparer.Ordinal));
            throw Error(k, Path + "." + name, $"unknown field \"{name}\" (known: {known})");
        }
    }

    /// <summary>Refuses a value that uses Go templates, which Flinq does not evaluate.</summary>
    public string? PlainText(string key)
    {
        string? text = String(key);
        if (text is not null && text.Contains("{{", StringComparison.Ordinal))
        {
            throw Error(key, "Go templates ({{ ... }}) are not supported; write plain text or leave the field out for the default rendering");
        }

        return text;
    }

    private YamlNode? Find(string key)
    {
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}

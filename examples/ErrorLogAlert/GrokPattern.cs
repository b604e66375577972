using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flinq.Examples.ErrorLogAlert;

/// <summary>
/// A small grok (Logstash's pattern language): <c>%{NAME:field}</c> matches the named built-in pattern and
/// captures it as <c>field</c>; <c>%{NAME}</c> matches without capturing; everything else is a .NET regular
/// expression. Built-in names: TIMESTAMP_ISO8601, LOGLEVEL, WORD, NOTSPACE, SPACE, DATA, GREEDYDATA, INT,
/// NUMBER, IPV4. The whole line must match. Thread-safe once built.
/// </summary>
public sealed partial class GrokPattern
{
    /// <summary>The default pattern: <c>2026-01-01T00:00:01Z ERROR [checkout] payment failed</c>.</summary>
    public const string DefaultLogLine = @"%{TIMESTAMP_ISO8601:ts}\s+%{LOGLEVEL:level}\s+\[%{NOTSPACE:service}\]\s*%{GREEDYDATA:message}";

    private static readonly Dictionary<string, string> s_patterns = new(StringComparer.Ordinal)
    {
        ["TIMESTAMP_ISO8601"] = @"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?",
        ["LOGLEVEL"] = @"(?i:TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|ERR|FATAL|CRIT(?:ICAL)?|SEVERE|EMERG(?:ENCY)?|ALERT)",
        ["WORD"] = @"\b\w+\b",
        ["NOTSPACE"] = @"[^\s\]]+",
        ["SPACE"] = @"\s*",
        ["DATA"] = @".*?",
        ["GREEDYDATA"] = @".*",
        ["INT"] = @"[+-]?\d+",
        ["NUMBER"] = @"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
        ["IPV4"] = @"(?:\d{1,3}\.){3}\d{1,3}",
    };

    private readonly Regex _regex;

    private GrokPattern(Regex regex, IReadOnlyList<string> fields)
    {
        _regex = regex;
        Fields = fields;
    }

    /// <summary>The captured field names, in pattern order.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="ArgumentException"/> naming an unknown pattern or a bad regex.</summary>
    public static GrokPattern Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var fields = new List<string>();
        var regex = new StringBuilder("^");
        int at = 0;
        foreach (Match reference in Reference().Matches(pattern))
        {
            regex.Append(pattern, at, reference.Index - at);
            string name = reference.Groups["name"].Value;
            if (!s_patterns.TryGetValue(name, out var body))
            {
                throw new ArgumentException($"unknown grok pattern %{{{name}}}; known: {string.Join(", ", s_patterns.Keys)}", nameof(pattern));
            }

            if (reference.Groups["field"].Success)
            {
                string field = reference.Groups["field"].Value;
                fields.Add(field);
                regex.Append(CultureInfo.InvariantCulture, $"(?<{field}>{body})");
            }
            else
            {
                regex.Append(CultureInfo.InvariantCulture, $"(?:{body})");
            }

            at = reference.Index + reference.Length;
        }

        regex.Append(pattern, at, pattern.Length - at).Append('$');
        try
        {
            return new GrokPattern(new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1)), fields);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the grok pattern is not a valid regular expression: {e.Message}", nameof(pattern), e);
        }
    }

    /// <summary>Matches <paramref name="line"/>; on success returns the captured fields by name.</summary>
    public bool TryMatch(string line, out IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = _regex.Match(line);
        if (!match.Success)
        {
            fields = new Dictionary<string, string>();
            return false;
        }

        var captured = new Dictionary<string, string>(Fields.Count, StringComparer.Ordinal);
        foreach (string field in Fields)
        {
            captured[field] = match.Groups[field].Value;
        }

        fields = captured;
        return true;
    }

    [GeneratedRegex(@"%\{(?<name>[A-Z0-9_]+)(?::(?<field>[A-Za-z_][A-Za-z0-9_]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flinq.Monitor.Telemetry;

/// <summary>
/// One label matcher as Prometheus selectors and Alertmanager routes, silences and inhibition rules write it:
/// <c>name="value"</c>, <c>name!="value"</c>, <c>name=~"regex"</c>, <c>name!~"regex"</c>. A missing label
/// matches as the empty string (so <c>host=""</c> selects series without a host), and regular expressions are
/// anchored at both ends (<c>^(?:regex)$</c>), exactly as in Prometheus.
/// </summary>
/// <remarks>Immutable and thread-safe; the regular expression is compiled once per matcher.</remarks>
public sealed class LabelMatcher : IEquatable<LabelMatcher>
{
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex? _regex;

    /// <summary>Creates a matcher.</summary>
    /// <exception cref="ArgumentException">The name is empty or the regular expression does not parse.</exception>
    public LabelMatcher(string name, LabelMatchType type, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Type = type;
        Value = value;
        if (type is LabelMatchType.Regex or LabelMatchType.NotRegex)
        {
            try
            {
                _regex = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant | RegexOptions.Compiled, s_regexTimeout);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"matcher {name}{OperatorText(type)}\"{value}\": invalid regular expression: {e.Message}", nameof(value), e);
            }
        }
    }

    /// <summary>The label name.</summary>
    public string Name { get; }

    /// <summary>The operator.</summary>
    public LabelMatchType Type { get; }

    /// <summary>The value or regular expression as written (unanchored).</summary>
    public string Value { get; }

    /// <summary>True for <see cref="LabelMatchType.Equal"/> and <see cref="LabelMatchType.Regex"/>.</summary>
    public bool IsPositive => Type is LabelMatchType.Equal or LabelMatchType.Regex;

    /// <summary>Whether a label value (empty when the label is absent) matches.</summary>
    public bool Matches(string value) => Type switch
    {
        LabelMatchType.Equal => string.Equals(value, Value, StringComparison.Ordinal),
        LabelMatchType.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
        LabelMatchType.Regex => _regex!.IsMatch(value),
        _ => !_regex!.IsMatch(value),
    };

    /// <summary>Whether <paramref name="labels"/> match (an absent label is the empty string).</summary>
    public bool Matches(Labels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Matches(labels.Get(Name) ?? string.Empty);
    }

    /// <summary>Whether every matcher in <paramref name="matchers"/> matches <paramref name="labels"/> (true for none).</summary>
    public static bool MatchesAll(IReadOnlyList<LabelMatcher> matchers, Labels labels)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        for (int i = 0; i < matchers.Count; i++)
        {
            if (!matchers[i].Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Parses a list of matchers: <c>{a="b", c=~"d.*"}</c> (braces optional, commas between matchers, a trailing
    /// comma allowed). Values are double-quoted with Go/PromQL escapes (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\t</c>);
    /// Alertmanager's unquoted form <c>a=b</c> is accepted too (the value ends at a comma or closing brace).
    /// </summary>
    /// <exception cref="FormatException">The text does not parse; the message gives the character position.</exception>
    public static IReadOnlyList<LabelMatcher> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        return parser.ParseList();
    }

    /// <summary>Parses one matcher such as <c>severity=~"critical|page"</c>.</summary>
    /// <exception cref="FormatException">The text is not exactly one matcher.</exception>
    public static LabelMatcher Parse(string text)
    {
        var list = ParseList(text);
        if (list.Count != 1)
        {
            throw new FormatException($"\"{text}\" is {list.Count} matchers, expected exactly one");
        }

        return list[0];
    }

    /// <summary>The operator as written: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</summary>
    public static string OperatorText(LabelMatchType type) => type switch
    {
        LabelMatchType.Equal => "=",
        LabelMatchType.NotEqual => "!=",
        LabelMatchType.Regex => "=~",
        _ => "!~",
    };

    /// <summary><c>name="value"</c> with the value quoted and escaped, so <see cref="Parse"/> reads it back.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Name.Length + Value.Length + 4);
        sb.Append(Name).Append(OperatorText(Type)).Append('"');
        foreach (char c in Value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <inheritdoc />
    public bool Equals(LabelMatcher? other) =>
        other is not null && Type == other.Type && string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LabelMatcher other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Type, Value);

    private ref struct Parser
    {
        private readonly string _text;
        private int _pos;

        public Parser(string text)
        {
            _text = text;
            _pos = 0;
        }

        public List<LabelMatcher> ParseList()
        {
            var result = new List<LabelMatcher>();
            SkipSpace();
            bool braced = Peek() == '{';
            if (braced)
            {
                _pos++;
            }

            while (true)
            {
                SkipSpace();
                if (_pos >= _text.Length || (braced && Peek() == '}'))
                {
                    break;
                }

                result.Add(ParseOne(braced));
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                break;
            }

            SkipSpace();
            if (braced)
            {
                if (Peek() != '}')
                {
                    throw Error("expected '}' or ','");
                }

                _pos++;
                SkipSpace();
            }

            if (_pos < _text.Length)
            {
                throw Error("unexpected text after the matchers");
            }

            return result;
        }

        private LabelMatcher ParseOne(bool braced)
        {
            int start = _pos;
            while (_pos < _text.Length && IsNameChar(_text[_pos], _pos == start))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error("expected a label name");
            }

            string name = _text[start.._pos];
            SkipSpace();
            LabelMatchType type;
            if (Match("=~")) { type = LabelMatchType.Regex; }
            else if (Match("!~")) { type = LabelMatchType.NotRegex; }
            else if (Match("!=")) { type = LabelMatchType.NotEqual; }
            else if (Match("=")) { type = LabelMatchType.Equal; }
            else { throw Error($"expected =, !=, =~ or !~ after label name \"{name}\""); }

            SkipSpace();
            string value = Peek() == '"' ? ParseQuoted() : ParseBare(braced);
            try
            {
                return new LabelMatcher(name, type, value);
            }
            catch (ArgumentException e)
            {
                throw new FormatException(e.Message, e);
            }
        }

        private string ParseQuoted()
        {
            int open = _pos++;
            var sb = new StringBuilder();
            while (_pos < _text.Length)
            {
                char c = _text[_pos++];
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                if (_pos >= _text.Length)
                {
                    break;
                }

                char e = _text[_pos++];
                sb.Append(e switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '"' => '"',
                    '\\' => '\\',
                    _ => throw new FormatException($"unknown escape \\{e} at position {(_pos - 1).ToString(CultureInfo.InvariantCulture)} in \"{_text}\""),
                });
            }

            _pos = open;
            throw Error("unterminated quoted value");
        }

        private string ParseBare(bool braced)
        {
            int start = _pos;
            while (_pos < _text.Length && _text[_pos] != ',' && !(braced && _text[_pos] == '}'))
            {
                _pos++;
            }

            return _text[start.._pos].Trim();
        }

        private bool Match(string token)
        {
            if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0)
            {
                _pos += token.Length;
                return true;
            }

            return false;
        }

        private readonly char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void SkipSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }
        }

        private static bool IsNameChar(char c, bool first) =>
            c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' or '.' || (!first && c is >= '0' and <= '9');

        private readonly FormatException Error(string reason) =>
            new($"{reason} at position {_pos.ToString(CultureInfo.InvariantCulture)} in \"{_text}\"");
    }
}

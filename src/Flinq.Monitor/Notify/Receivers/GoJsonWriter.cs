using System.Globalization;
using System.Text;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Writes JSON byte for byte as Go's <c>encoding/json</c> does (Alertmanager's webhook encoder): <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 as lowercase <c>\u</c> escapes, other characters as they are,
/// maps with sorted keys, times as RFC 3339 with trailing fractional zeros dropped.
/// </summary>
internal sealed class GoJsonWriter
{
    private const string Hex = "0123456789abcdef";
    private readonly StringBuilder _sb = new(1024);
    private bool _needComma;

    public GoJsonWriter StartObject() => Open('{');

    public GoJsonWriter EndObject() => Close('}');

    public GoJsonWriter StartArray(string name) => Name(name).Open('[');

    public GoJsonWriter EndArray() => Close(']');

    public GoJsonWriter StartObject(string name) => Name(name).Open('{');

    public GoJsonWriter String(string name, string value)
    {
        Name(name);
        WriteString(value);
        _needComma = true;
        return this;
    }

    public GoJsonWriter Number(string name, long value)
    {
        Name(name);
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
        _needComma = true;
        return this;
    }

    /// <summary>A Go <c>time.Time</c>; <see cref="Timestamp.None"/> is Go's zero time.</summary>
    public GoJsonWriter Time(string name, Timestamp time) => String(name, FormatTime(time));

    /// <summary>A Go <c>map[string]string</c>: an object with keys in byte order (Labels are sorted ordinally).</summary>
    public GoJsonWriter Labels(string name, Labels labels)
    {
        StartObject(name);
        foreach (var label in labels)
        {
            String(label.Name, label.Value);
        }

        return EndObject();
    }

    /// <summary>The document plus the newline <c>json.Encoder.Encode</c> appends.</summary>
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_sb.ToString() + "\n");

    public override string ToString() => _sb.ToString();

    /// <summary>Go's <c>time.RFC3339Nano</c> of a UTC time at millisecond precision.</summary>
    public static string FormatTime(Timestamp time)
    {
        if (!time.HasValue)
        {
            return "0001-01-01T00:00:00Z";
        }

        var utc = time.ToDateTimeOffset().UtcDateTime;
        string text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        int ms = utc.Millisecond;
        if (ms == 0)
        {
            return text + "Z";
        }

        return text + "." + ms.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }

    private GoJsonWriter Open(char c)
    {
        if (_needComma)
        {
            _sb.Append(','); // an object or array as an array element
        }

        _sb.Append(c);
        _needComma = false;
        return this;
    }

    private GoJsonWriter Close(char c)
    {
        _sb.Append(c);
        _needComma = true;
        return this;
    }

    private GoJsonWriter Name(string name)
    {
        if (_needComma)
        {
            _sb.Append(',');
        }

        WriteString(name);
        _sb.Append(':');
        _needComma = false;
        return this;
    }

    private void WriteString(string value)
    {
        _sb.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    _sb.Append("\\u").Append(Hex[c >> 12]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        _sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        _sb.Append("\\ufffd"); // Go replaces invalid UTF-8 the same way
                    }
                    else
                    {
                        _sb.Append(c);
                    }

                    break;
            }
        }

        _sb.Append('"');
    }
}

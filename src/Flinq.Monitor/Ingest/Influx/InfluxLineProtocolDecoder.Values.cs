using System.Globalization;
using System.Text;

namespace Flinq.Monitor.Ingest.Influx;

/// <summary>Field values, timestamps and escaping of <see cref="InfluxLineProtocolDecoder"/>.</summary>
public sealed partial class InfluxLineProtocolDecoder
{
    private string? ParseFieldValue(ReadOnlySpan<byte> line, ref int pos, string key)
    {
        if (pos >= line.Length || line[pos] == (byte)' ' || line[pos] == (byte)',')
        {
            return $"field \"{key}\" has no value";
        }

        if (line[pos] == (byte)'"')
        {
            int i = pos + 1;
            while (i < line.Length && line[i] != (byte)'"')
            {
                i += line[i] == (byte)'\\' && i + 1 < line.Length && (line[i + 1] == (byte)'"' || line[i + 1] == (byte)'\\') ? 2 : 1;
            }

            if (i >= line.Length)
            {
                return $"string value of field \"{key}\" has no closing double quote";
            }

            string value = Encoding.UTF8.GetString(Unescape(line[(pos + 1)..i], ElementKind.StringValue));
            _fields.Add(new Field(key, 0, value));
            pos = i + 1;
            if (pos < line.Length && line[pos] != (byte)',' && line[pos] != (byte)' ')
            {
                return $"unexpected character '{(char)line[pos]}' after the string value of field \"{key}\"";
            }

            return null;
        }

        int end = pos;
        while (end < line.Length && line[end] != (byte)',' && line[end] != (byte)' ')
        {
            end++;
        }

        var text = line[pos..end];
        pos = end;
        byte last = text[^1];
        byte first = text[0];
        bool numeric = first is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.';
        double number;
        if (IsTrue(text))
        {
            number = 1;
        }
        else if (IsFalse(text))
        {
            number = 0;
        }
        else if (!numeric)
        {
            return $"field \"{key}\": \"{Text(text)}\" is not a number, boolean or quoted string";
        }
        else if (last == (byte)'i')
        {
            if (!long.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
            {
                return $"field \"{key}\": \"{Text(text)}\" is not a 64-bit integer";
            }

            number = l;
        }
        else if (last == (byte)'u')
        {
            if (!ulong.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong u))
            {
                return $"field \"{key}\": \"{Text(text)}\" is not an unsigned 64-bit integer";
            }

            number = u;
        }
        else
        {
            if (!IsPlainNumber(text) || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return $"field \"{key}\": \"{Text(text)}\" is not a number, boolean or quoted string";
            }

            if (!double.IsFinite(number))
            {
                return $"field \"{key}\": \"{Text(text)}\" is out of the range of a 64-bit float";
            }
        }

        _fields.Add(new Field(key, number, null));
        return null;
    }

    private static bool IsPlainNumber(ReadOnlySpan<byte> text)
    {
        // double.TryParse accepts "NaN", "Infinity" and surrounding white space; line protocol does not.
        foreach (byte b in text)
        {
            if (!((b >= (byte)'0' && b <= (byte)'9') || b == (byte)'.' || b == (byte)'-' || b == (byte)'+' || b == (byte)'e' || b == (byte)'E'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTrue(ReadOnlySpan<byte> t) =>
        t.SequenceEqual("t"u8) || t.SequenceEqual("T"u8) || t.SequenceEqual("true"u8) || t.SequenceEqual("True"u8) || t.SequenceEqual("TRUE"u8);

    private static bool IsFalse(ReadOnlySpan<byte> t) =>
        t.SequenceEqual("f"u8) || t.SequenceEqual("F"u8) || t.SequenceEqual("false"u8) || t.SequenceEqual("False"u8) || t.SequenceEqual("FALSE"u8);

    private static bool TryToMilliseconds(long raw, InfluxPrecision precision, out long ms)
    {
        try
        {
            ms = precision switch
            {
                InfluxPrecision.Nanoseconds => Math.DivRem(raw, 1_000_000L, out long r) - (r < 0 ? 1 : 0),
                InfluxPrecision.Microseconds => Math.DivRem(raw, 1_000L, out long r) - (r < 0 ? 1 : 0),
                InfluxPrecision.Milliseconds => raw,
                InfluxPrecision.Seconds => checked(raw * 1_000L),
                InfluxPrecision.Minutes => checked(raw * 60_000L),
                InfluxPrecision.Hours => checked(raw * 3_600_000L),
                _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
            };
            return ms != long.MinValue;
        }
        catch (OverflowException)
        {
            ms = 0;
            return false;
        }
    }

    private static int SkipSpaces(ReadOnlySpan<byte> line, int pos)
    {
        while (pos < line.Length && line[pos] == (byte)' ')
        {
            pos++;
        }

        return pos;
    }

    /// <summary>The end of the element starting at <paramref name="pos"/>: the first unescaped terminator.</summary>
    private static int Scan(ReadOnlySpan<byte> line, int pos, ElementKind kind)
    {
        while (pos < line.Length)
        {
            byte b = line[pos];
            if (b == (byte)'\\')
            {
                pos += pos + 1 < line.Length && IsEscapable(line[pos + 1], kind) ? 2 : 1;
                continue;
            }

            if (b == (byte)',' || b == (byte)' ' || (b == (byte)'=' && kind != ElementKind.Measurement))
            {
                return pos;
            }

            pos++;
        }

        return pos;
    }

    private static bool IsEscapable(byte b, ElementKind kind) => kind switch
    {
        ElementKind.Measurement => b is (byte)',' or (byte)' ' or (byte)'\\',
        ElementKind.StringValue => b is (byte)'"' or (byte)'\\',
        _ => b is (byte)',' or (byte)'=' or (byte)' ' or (byte)'\\',
    };

    private ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> raw, ElementKind kind)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return raw;
        }

        if (_scratch.Length < raw.Length)
        {
            _scratch = new byte[Math.Max(raw.Length, _scratch.Length * 2)];
        }

        int n = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            byte b = raw[i];
            if (b == (byte)'\\' && i + 1 < raw.Length && IsEscapable(raw[i + 1], kind))
            {
                b = raw[++i];
            }

            _scratch[n++] = b;
        }

        return _scratch.AsSpan(0, n);
    }

    private static string Text(ReadOnlySpan<byte> utf8) => LabelLimits.Truncate(Encoding.UTF8.GetString(utf8));
}

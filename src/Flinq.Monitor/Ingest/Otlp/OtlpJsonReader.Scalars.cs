using System.Globalization;
using System.Text.Json;
using Google.Protobuf;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>The scalar readers of <see cref="OtlpJsonReader"/>: OTLP/JSON's rules for integers, doubles, enums and ids.</summary>
internal sealed partial class OtlpJsonReader
{
    private static string ReadString(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            throw TypeError(ref r, "a string");
        }

        return r.GetString()!;
    }

    private static bool ReadBool(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw TypeError(ref r, "a boolean"),
    };

    private static ulong ReadUInt64(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetUInt64(out ulong n))
        {
            return n;
        }

        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && !r.HasValueSequence
            && ulong.TryParse(r.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw TypeError(ref r, "an unsigned 64-bit integer (number or decimal string)");
    }

    private static long ReadInt64(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out long n))
        {
            return n;
        }

        if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && !r.HasValueSequence
            && long.TryParse(r.ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw TypeError(ref r, "a 64-bit integer (number or decimal string)");
    }

    private static int ReadEnum(ref Utf8JsonReader r, int max)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int n) && n >= 0 && n <= max)
        {
            return n;
        }

        throw TypeError(ref r, $"an enum integer from 0 to {max} (OTLP/JSON writes enums as integers)");
    }

    private static uint ReadUInt32(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetUInt32(out uint n))
        {
            return n;
        }

        throw TypeError(ref r, "an unsigned 32-bit integer");
    }

    private static double ReadDouble(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Number)
        {
            if (r.TryGetDouble(out double d) && double.IsFinite(d))
            {
                return d;
            }

            throw new OtlpJsonException("the number is out of the range of a 64-bit float", r.TokenStartIndex);
        }

        if (r.TokenType == JsonTokenType.String)
        {
            string s = r.GetString()!;
            switch (s)
            {
                case "NaN":
                    return double.NaN;
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
                default:
                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
                    {
                        return d;
                    }

                    break;
            }
        }

        throw TypeError(ref r, "a number (or \"NaN\", \"Infinity\", \"-Infinity\")");
    }

    private static ByteString ReadHexId(ref Utf8JsonReader r, int bytes, string what)
    {
        string hex = ReadString(ref r);
        if (hex.Length == 0)
        {
            return ByteString.Empty;
        }

        if (hex.Length != bytes * 2)
        {
            throw new OtlpJsonException($"{what} must be {bytes * 2} hex digits, found {hex.Length} characters", r.TokenStartIndex);
        }

        var buffer = new byte[bytes];
        for (int i = 0; i < bytes; i++)
        {
            if (!byte.TryParse(hex.AsSpan(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out buffer[i]))
            {
                throw new OtlpJsonException($"{what} must be hex digits (OTLP/JSON ids are hex, not base64)", r.TokenStartIndex);
            }
        }

        return ByteString.CopyFrom(buffer);
    }
}

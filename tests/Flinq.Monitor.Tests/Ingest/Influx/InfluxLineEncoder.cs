using System.Globalization;
using System.Text;

namespace Flinq.Monitor.Tests.Ingest.Influx;

/// <summary>A test-side line protocol writer that escapes exactly as the Influx docs say.</summary>
internal static class InfluxLineEncoder
{
    public static string Measurement(string s) => Escape(s, ", \\");

    public static string Key(string s) => Escape(s, ",= \\");

    public static string StringValue(string s) => "\"" + Escape(s, "\"\\") + "\"";

    public static string Line(string measurement, IEnumerable<(string Key, string Value)> tags, IEnumerable<(string Key, string EncodedValue)> fields, long? timestamp)
    {
        var sb = new StringBuilder(Measurement(measurement));
        foreach (var (k, v) in tags)
        {
            sb.Append(',').Append(Key(k)).Append('=').Append(Key(v));
        }

        sb.Append(' ');
        bool first = true;
        foreach (var (k, v) in fields)
        {
            sb.Append(first ? "" : ",").Append(Key(k)).Append('=').Append(v);
            first = false;
        }

        if (timestamp is not null)
        {
            sb.Append(' ').Append(timestamp.Value.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static string Escape(string s, string special)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (special.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}

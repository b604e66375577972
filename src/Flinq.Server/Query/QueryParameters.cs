using System.Globalization;
using Flinq.Server.Configuration;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Query;

/// <summary>Parses query-string parameters; a bad value throws <see cref="QueryException"/> naming the parameter.</summary>
internal static class QueryParameters
{
    /// <summary>
    /// A time as Prometheus takes it: unix seconds (fractions allowed) or RFC 3339; missing gives
    /// <paramref name="fallback"/>. Returns epoch milliseconds.
    /// </summary>
    public static long Time(HttpRequest request, string name, long fallback)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return (long)Math.Round(seconds * 1000);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }

        throw new QueryException($"parameter \"{name}\": \"{text}\" is neither unix seconds nor an RFC 3339 time");
    }

    public static TimeSpan? Duration(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return Durations.TryParse(text, out var duration)
            ? duration
            : throw new QueryException($"parameter \"{name}\": \"{text}\" is not a duration (e.g. 15s, 1m, 250ms or seconds)");
    }

    public static int Int(HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new QueryException($"parameter \"{name}\": \"{text}\" is not a whole number from {min} to {max}");
    }

    public static string? Text(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        return text.Length == 0 ? null : text;
    }

    /// <summary>A JSON path for a label or attribute name inside the stored JSON object.</summary>
    public static string JsonPath(string key)
    {
        if (key.Length == 0 || key.Contains('"', StringComparison.Ordinal) || key.Contains('\\', StringComparison.Ordinal))
        {
            throw new QueryException($"label name \"{key}\" is empty or contains a quote or backslash");
        }

        return "$.\"" + key + "\"";
    }
}

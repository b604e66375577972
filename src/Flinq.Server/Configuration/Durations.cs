using System.Globalization;

namespace Flinq.Server.Configuration;

/// <summary>Prometheus-style durations: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>12h</c>, <c>15d</c>, <c>2w</c>; a bare number is seconds.</summary>
internal static class Durations
{
    public static TimeSpan Parse(string text)
    {
        if (TryParse(text, out var duration))
        {
            return duration;
        }

        throw new FormatException($"\"{text}\" is not a duration; use e.g. 500ms, 30s, 5m, 12h, 15d, 2w or a number of seconds");
    }

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        (string unit, double ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000)];
        foreach (var (unit, ms) in units)
        {
            if (text.EndsWith(unit, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - unit.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                && n >= 0 && double.IsFinite(n))
            {
                duration = TimeSpan.FromMilliseconds(n * ms);
                return true;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return false;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>
/// Durations as Prometheus and Alertmanager write them (<c>model.Duration</c>): units in descending order,
/// each at most once, e.g. <c>1h30m</c>, <c>5m</c>, <c>30s</c>, <c>250ms</c>, <c>1d</c>, <c>2w</c>, <c>1y</c> (365 days), or <c>0</c>.
/// </summary>
internal static partial class PromDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var m = Pattern().Match(text);
        if (!m.Success || text.Length == 0)
        {
            return false;
        }

        long[] unitMs = [365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
        long total = 0;
        for (int i = 0; i < unitMs.Length; i++)
        {
            var g = m.Groups[i + 1];
            if (g.Success && long.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            {
                total = checked(total + (n * unitMs[i]));
            }
        }

        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>Formats as Prometheus does (largest units first), for messages and the status API.</summary>
    public static string Format(TimeSpan duration)
    {
        long ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }

        var sb = new System.Text.StringBuilder();
        (long Size, string Unit)[] units = [(7L * 86_400_000, "w"), (86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")];
        foreach (var (size, unit) in units)
        {
            if (ms >= size)
            {
                sb.Append((ms / size).ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms %= size;
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

using System.Globalization;
using System.Text;

namespace Flinq.Monitor.Rules;

/// <summary>
/// Prometheus durations: one or more <c>number unit</c> pairs, units in decreasing order and each at most once:
/// <c>y</c> (365 days), <c>w</c>, <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>; e.g. <c>30s</c>, <c>5m</c>,
/// <c>1h30m</c>, <c>1d</c>. <c>0</c> alone is zero. Whole numbers only, as in Prometheus.
/// </summary>
internal static class RuleDurations
{
    private static readonly (string Unit, long Ms)[] s_units =
    [
        ("y", 365L * 86_400_000), ("w", 7L * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ];

    /// <summary>Parses <paramref name="text"/>; false with a reason when it is not a Prometheus duration.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string reason)
    {
        duration = TimeSpan.Zero;
        reason = string.Empty;
        if (text == "0")
        {
            return true;
        }

        long total = 0;
        int pos = 0;
        int lastUnit = -1;
        if (text.Length == 0)
        {
            reason = "an empty duration";
            return false;
        }

        while (pos < text.Length)
        {
            int start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            if (pos == start)
            {
                reason = $"expected a whole number at character {pos + 1}";
                return false;
            }

            if (!long.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            {
                reason = "the number is too large";
                return false;
            }

            int unit = -1;
            for (int u = 0; u < s_units.Length; u++)
            {
                string name = s_units[u].Unit;
                // "m" must not swallow the "m" of "ms".
                if (string.CompareOrdinal(text, pos, name, 0, name.Length) == 0
                    && !(name == "m" && pos + 1 < text.Length && text[pos + 1] == 's'))
                {
                    unit = u;
                    break;
                }
            }

            if (unit < 0)
            {
                reason = $"expected a unit (y, w, d, h, m, s, ms) at character {pos + 1}";
                return false;
            }

            if (unit <= lastUnit)
            {
                reason = $"unit \"{s_units[unit].Unit}\" out of order; write units from largest to smallest, each once (e.g. 1h30m)";
                return false;
            }

            lastUnit = unit;
            pos += s_units[unit].Unit.Length;
            try
            {
                total = checked(total + checked(n * s_units[unit].Ms));
            }
            catch (OverflowException)
            {
                reason = "the duration is too long";
                return false;
            }
        }

        if (total > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            reason = "the duration is too long";
            return false;
        }

        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>The shortest Prometheus form using d, h, m, s and ms (<c>1h30m</c>, <c>0s</c>); sub-millisecond parts are dropped.</summary>
    public static string Format(TimeSpan duration)
    {
        long ms = (long)duration.TotalMilliseconds;
        if (ms <= 0)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        foreach (var (unit, size) in s_units)
        {
            if (unit is "y" or "w")
            {
                continue;
            }

            long n = ms / size;
            if (n > 0)
            {
                sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms -= n * size;
            }
        }

        return sb.ToString();
    }
}

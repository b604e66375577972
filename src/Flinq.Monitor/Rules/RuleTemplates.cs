using System.Globalization;

namespace Flinq.Monitor.Rules;

/// <summary>
/// The syntax check of annotation templates done at validation time: every <c>{{</c> is closed by <c>}}</c> before
/// the next <c>{{</c>, no stray <c>}}</c>, no empty action. What an action may contain (<c>$labels.host</c>,
/// <c>$value</c>, <c>$threshold</c>) is up to the template renderer of the alert lifecycle.
/// </summary>
internal static class RuleTemplates
{
    public static bool TryValidate(string template, out string reason)
    {
        reason = string.Empty;
        int pos = 0;
        while (pos < template.Length)
        {
            int open = template.IndexOf("{{", pos, StringComparison.Ordinal);
            int strayClose = template.IndexOf("}}", pos, StringComparison.Ordinal);
            if (strayClose >= 0 && (open < 0 || strayClose < open))
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"\"}}}}\" at character {strayClose + 1} closes no \"{{{{\"");
                return false;
            }

            if (open < 0)
            {
                return true;
            }

            int close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            int nested = template.IndexOf("{{", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"\"{{{{\" at character {open + 1} is never closed with \"}}}}\"");
                return false;
            }

            if (nested >= 0 && nested < close)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"\"{{{{\" at character {open + 1} is not closed before the next \"{{{{\" at character {nested + 1}");
                return false;
            }

            if (template.AsSpan(open + 2, close - open - 2).Trim().Trim('-').Trim().IsEmpty)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"empty template action at character {open + 1}");
                return false;
            }

            pos = close + 2;
        }

        return true;
    }
}

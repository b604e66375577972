using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Rules;

/// <summary>Parses <c>name{matchers}</c> into a <see cref="MetricSelector"/>; the matchers go through <see cref="LabelMatcher.ParseList"/>.</summary>
internal static class SelectorParser
{
    public static bool TryParse(string text, out MetricSelector? selector, out string reason)
    {
        selector = null;
        reason = string.Empty;
        string trimmed = text.Trim();
        int pos = 0;
        while (pos < trimmed.Length && IsNameChar(trimmed[pos], pos == 0))
        {
            pos++;
        }

        string? name = pos == 0 ? null : trimmed[..pos];
        string rest = trimmed[pos..].TrimStart();
        IReadOnlyList<LabelMatcher> matchers = [];
        if (rest.Length > 0)
        {
            if (rest[0] != '{')
            {
                reason = $"\"{text}\" is not a series selector: expected a metric name and optional {{label matchers}}, e.g. cpu_usage{{env=\"prod\"}}; "
                    + $"unexpected \"{rest[0]}\" at character {trimmed.Length - rest.Length + 1}";
                return false;
            }

            try
            {
                matchers = LabelMatcher.ParseList(rest);
            }
            catch (FormatException e)
            {
                reason = $"bad label matchers in \"{text}\": {e.Message}";
                return false;
            }
        }

        bool hasNameMatcher = false;
        foreach (var m in matchers)
        {
            hasNameMatcher |= m.Name == "__name__";
        }

        if (name is null && !hasNameMatcher)
        {
            reason = $"\"{text}\" names no metric: write a metric name (cpu_usage{{...}}) or a __name__ matcher";
            return false;
        }

        selector = new MetricSelector(name, matchers);
        return true;
    }

    // OTLP metric names keep their dots (http.server.duration), so dots are allowed besides Prometheus' [a-zA-Z0-9_:].
    private static bool IsNameChar(char c, bool first) =>
        char.IsAsciiLetter(c) || c is '_' or ':' or '.' || (!first && char.IsAsciiDigit(c));
}

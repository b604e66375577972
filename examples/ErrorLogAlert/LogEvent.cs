using System.Globalization;
using Flinq.Examples.Common;

namespace Flinq.Examples.ErrorLogAlert;

/// <summary>
/// One log event: <c>{"service":"checkout","level":"ERROR","message":"payment failed","ts":1767225601000}</c>, or a
/// raw line such as <c>2026-01-01T00:00:01Z ERROR [checkout] payment failed</c> parsed with a grok pattern.
/// </summary>
public sealed record LogEvent(string Service, string Level, string Message, long Ts)
{
    /// <summary>Whether the level is ERROR or FATAL, in any letter case.</summary>
    public bool IsErrorOrFatal =>
        Level.Equals("ERROR", StringComparison.OrdinalIgnoreCase) || Level.Equals("FATAL", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses a line: a JSON object when it starts with '{', else a raw line matched by <paramref name="grok"/>,
    /// which must capture <c>ts</c> (ISO 8601; UTC when it has no offset), <c>level</c> and <c>service</c>
    /// (<c>message</c> is optional). Throws <see cref="FormatException"/> saying what is wrong.
    /// </summary>
    public static LogEvent Parse(string line, GrokPattern grok)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(grok);
        if (line.TrimStart().StartsWith('{'))
        {
            return JsonLines.Parse<LogEvent>(line);
        }

        if (!grok.TryMatch(line, out var fields))
        {
            throw new FormatException("neither a JSON object nor a line the grok pattern matches");
        }

        if (!fields.TryGetValue("ts", out var ts) || !fields.TryGetValue("level", out var level) || !fields.TryGetValue("service", out var service))
        {
            throw new FormatException("the grok pattern must capture ts, level and service");
        }

        if (!DateTimeOffset.TryParse(ts.Replace(',', '.'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new FormatException($"'{ts}' is not an ISO 8601 time");
        }

        return new LogEvent(service, level, fields.GetValueOrDefault("message", ""), time.ToUnixTimeMilliseconds());
    }
}

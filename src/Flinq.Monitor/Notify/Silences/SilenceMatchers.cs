using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify.Silences;

/// <summary>
/// Converts between <see cref="LabelMatcher"/> and Alertmanager's API form of a silence matcher
/// (<c>{"name","value","isRegex","isEqual"}</c>, <c>isEqual</c> defaulting to true).
/// </summary>
public static class SilenceMatchers
{
    /// <summary>The matcher for Alertmanager's <c>isRegex</c>/<c>isEqual</c> flags.</summary>
    /// <exception cref="ArgumentException">Empty name or an invalid regular expression.</exception>
    public static LabelMatcher FromApi(string name, string value, bool isRegex, bool isEqual = true) =>
        new(name, (isRegex, isEqual) switch
        {
            (false, true) => LabelMatchType.Equal,
            (false, false) => LabelMatchType.NotEqual,
            (true, true) => LabelMatchType.Regex,
            _ => LabelMatchType.NotRegex,
        }, value);

    /// <summary>Alertmanager's flags for <paramref name="matcher"/>.</summary>
    public static (bool IsRegex, bool IsEqual) ToApi(LabelMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return (matcher.Type is LabelMatchType.Regex or LabelMatchType.NotRegex, matcher.Type is LabelMatchType.Equal or LabelMatchType.Regex);
    }
}

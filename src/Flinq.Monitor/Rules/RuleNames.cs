namespace Flinq.Monitor.Rules;

/// <summary>What rule names, step names, label names and group-by names may look like.</summary>
internal static class RuleNames
{
    /// <summary>The longest rule or step name.</summary>
    public const int MaxNameLength = 128;

    /// <summary>A rule or step name: letters, digits, <c>_ : . -</c>, not starting with <c>.</c>, <c>:</c> or <c>-</c> (so it is a safe URL path segment), at most 128 characters.</summary>
    public static bool IsRuleName(string name)
    {
        if (name.Length is 0 or > MaxNameLength || !(char.IsAsciiLetterOrDigit(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A Prometheus label name: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsLabelName(string name) => IsName(name, allowDot: false);

    /// <summary>A label or attribute name to group by: like a label name, dots allowed (<c>http.route</c>).</summary>
    public static bool IsGroupLabel(string name) => IsName(name, allowDot: true);

    private static bool IsName(string name, bool allowDot)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowDot && c == '.')))
            {
                return false;
            }
        }

        return true;
    }
}

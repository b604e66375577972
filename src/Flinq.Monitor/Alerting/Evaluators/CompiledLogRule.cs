using System.Text.RegularExpressions;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>A log rule prepared for matching records: the filters in cheapest-first order and the group labels.</summary>
internal sealed class CompiledLogRule
{
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex? _pattern;

    public CompiledLogRule(RuleChange change, AlertRule rule)
    {
        Name = rule.Name;
        Version = change.Version;
        Spec = rule.Log!;
        GroupBy = RuleDefinitions.SortedGroupBy(Spec.GroupBy);
        if (Spec.Pattern is { } pattern)
        {
            _pattern = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, s_regexTimeout);
        }
    }

    public string Name { get; }

    public long Version { get; }

    public LogSpec Spec { get; }

    public string[] GroupBy { get; }

    public GroupCache Groups { get; } = new();

    /// <summary>The value of a field as matchers and group-by see it: <c>service</c>, <c>host</c>, <c>severity</c> (TRACE…FATAL), else an attribute; empty when absent.</summary>
    public static string Field(LogRecord record, string name) => name switch
    {
        "service" => record.Service,
        "host" => record.Host,
        "severity" => Severity.TextOf(record.Level),
        _ => record.Attributes.Get(name) ?? string.Empty,
    };

    public bool Matches(LogRecord record)
    {
        if (Spec.MinSeverity != SeverityLevel.Unspecified && record.SeverityNumber < (int)Spec.MinSeverity)
        {
            return false;
        }

        if (Spec.Contains is { } contains && !record.Body.Contains(contains, StringComparison.Ordinal))
        {
            return false;
        }

        var matchers = Spec.Matchers;
        for (int i = 0; i < matchers.Count; i++)
        {
            if (!matchers[i].Matches(Field(record, matchers[i].Name)))
            {
                return false;
            }
        }

        return _pattern is null || _pattern.IsMatch(record.Body);
    }

    public int Project(LogRecord record, Label[] scratch)
    {
        int n = 0;
        for (int i = 0; i < GroupBy.Length; i++)
        {
            string value = Field(record, GroupBy[i]);
            if (value.Length > 0)
            {
                scratch[n++] = new Label(GroupBy[i], value);
            }
        }

        return n;
    }
}

using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Rules;

/// <summary>
/// A PromQL-style series selector: <c>cpu_usage{host=~"web-.*", env!="dev"}</c>. The metric name may be
/// omitted when a <c>__name__</c> matcher is given.
/// </summary>
/// <param name="MetricName">The exact metric name, or null when only <paramref name="Matchers"/> select.</param>
/// <param name="Matchers">Matchers on the labels; a <c>__name__</c> matcher applies to the metric name.</param>
public sealed record MetricSelector(string? MetricName, IReadOnlyList<LabelMatcher> Matchers)
{
    /// <summary>Whether the series <paramref name="name"/>{<paramref name="labels"/>} is selected.</summary>
    public bool Matches(string name, Labels labels)
    {
        if (MetricName is not null && !string.Equals(MetricName, name, StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = 0; i < Matchers.Count; i++)
        {
            var m = Matchers[i];
            bool ok = string.Equals(m.Name, "__name__", StringComparison.Ordinal) ? m.Matches(name) : m.Matches(labels);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>name{matchers}</c>.</summary>
    public override string ToString() =>
        (MetricName ?? string.Empty) + (Matchers.Count == 0 ? string.Empty : "{" + string.Join(", ", Matchers) + "}");
}

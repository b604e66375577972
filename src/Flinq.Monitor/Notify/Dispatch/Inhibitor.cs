using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify.Configuration;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Dispatch;

/// <summary>
/// Alertmanager's inhibition: an alert matching a rule's target matchers is muted while a firing alert matching
/// its source matchers has the same values (absent = empty) of the rule's <c>equal</c> labels. An alert that
/// matches both sides is not inhibited by alerts that also match both sides (so it cannot inhibit itself).
/// </summary>
internal sealed class Inhibitor
{
    private readonly IReadOnlyList<InhibitRuleConfig> _rules;

    public Inhibitor(IReadOnlyList<InhibitRuleConfig> rules) => _rules = rules;

    public bool HasRules => _rules.Count > 0;

    /// <summary>The fingerprint of an alert inhibiting <paramref name="labels"/>, or null.</summary>
    /// <param name="labels">The target alert's labels.</param>
    /// <param name="alerts">Every alert the pipeline knows (the source candidates).</param>
    /// <param name="now">Resolved sources do not inhibit.</param>
    public ulong? InhibitedBy(Labels labels, IEnumerable<Alert> alerts, Timestamp now)
    {
        foreach (var rule in _rules)
        {
            if (!LabelMatcher.MatchesAll(rule.TargetMatchers, labels))
            {
                continue;
            }

            bool twoSided = LabelMatcher.MatchesAll(rule.SourceMatchers, labels);
            foreach (var source in alerts)
            {
                if (source.IsResolvedAt(now) || !LabelMatcher.MatchesAll(rule.SourceMatchers, source.Labels) || !EqualOn(rule.Equal, source.Labels, labels))
                {
                    continue;
                }

                if (twoSided && LabelMatcher.MatchesAll(rule.TargetMatchers, source.Labels))
                {
                    continue;
                }

                return source.Fingerprint;
            }
        }

        return null;
    }

    private static bool EqualOn(IReadOnlyList<string> names, Labels a, Labels b)
    {
        foreach (var name in names)
        {
            if (!string.Equals(a.Get(name) ?? string.Empty, b.Get(name) ?? string.Empty, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

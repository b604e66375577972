using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// The metric rules of one kind, indexed by metric name so a sample is only tested against the rules that select
/// its name (plus the few whose selector has no fixed name). Built from the broadcast state, rebuilt after a change.
/// </summary>
internal sealed class MetricRuleIndex
{
    private static readonly CompiledMetricRule[] s_none = [];
    private readonly Dictionary<string, CompiledMetricRule[]> _byName;
    private readonly CompiledMetricRule[] _unnamed;

    private MetricRuleIndex(Dictionary<string, CompiledMetricRule[]> byName, CompiledMetricRule[] unnamed)
    {
        _byName = byName;
        _unnamed = unnamed;
    }

    public static MetricRuleIndex Build(IReadOnlyList<KeyValuePair<string, RuleChange>> rules, RuleKind kind, MetricRuleIndex? previous)
    {
        var byName = new Dictionary<string, List<CompiledMetricRule>>(StringComparer.Ordinal);
        var unnamed = new List<CompiledMetricRule>();
        foreach (var entry in rules)
        {
            var rule = RuleDefinitions.Relevant(entry.Value, kind);
            if (rule is null)
            {
                continue;
            }

            var compiled = previous?.Find(rule) ?? new CompiledMetricRule(entry.Value, rule);
            if (compiled.Selector.MetricName is { } name)
            {
                if (!byName.TryGetValue(name, out var list))
                {
                    byName[name] = list = [];
                }

                list.Add(compiled);
            }
            else
            {
                unnamed.Add(compiled);
            }
        }

        var frozen = new Dictionary<string, CompiledMetricRule[]>(byName.Count, StringComparer.Ordinal);
        foreach (var (name, list) in byName)
        {
            frozen[name] = [.. list];
        }

        return new MetricRuleIndex(frozen, [.. unnamed]);
    }

    /// <summary>The rules whose selector names <paramref name="metricName"/>.</summary>
    public CompiledMetricRule[] Named(string metricName) => _byName.TryGetValue(metricName, out var rules) ? rules : s_none;

    /// <summary>The rules whose selector has no fixed metric name.</summary>
    public CompiledMetricRule[] Unnamed => _unnamed;

    private CompiledMetricRule? Find(AlertRule rule)
    {
        // Reuse the compiled form (and its group cache) of an unchanged definition.
        var candidates = rule.Kind switch
        {
            RuleKind.Threshold => rule.Threshold!.Selector.MetricName,
            _ => rule.Anomaly!.Selector.MetricName,
        } is { } n ? Named(n) : _unnamed;
        foreach (var c in candidates)
        {
            if (ReferenceEquals(c.Rule, rule))
            {
                return c;
            }
        }

        return null;
    }
}

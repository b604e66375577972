using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>A threshold or anomaly rule prepared for matching samples: selector, sorted group-by names, group cache.</summary>
internal sealed class CompiledMetricRule
{
    public CompiledMetricRule(RuleChange change, AlertRule rule)
    {
        Rule = rule;
        Name = rule.Name;
        Version = change.Version;
        (Selector, var groupBy) = rule.Kind == RuleKind.Threshold
            ? (rule.Threshold!.Selector, rule.Threshold.GroupBy)
            : (rule.Anomaly!.Selector, rule.Anomaly.GroupBy);
        GroupBy = RuleDefinitions.SortedGroupBy(groupBy);

        // An anomaly rule without group-by labels keeps one baseline per series; a threshold rule without them
        // aggregates all selected series together (as the specs say).
        PerSeries = rule.Kind == RuleKind.Anomaly && GroupBy.Length == 0;
    }

    public AlertRule Rule { get; }

    public string Name { get; }

    public long Version { get; }

    public MetricSelector Selector { get; }

    public string[] GroupBy { get; }

    public bool PerSeries { get; }

    public GroupCache Groups { get; } = new();
}

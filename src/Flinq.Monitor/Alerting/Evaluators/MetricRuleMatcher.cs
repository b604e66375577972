using Flinq.Functions;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// Stage 1 of the threshold and anomaly evaluators: a non-keyed broadcast function that tests each sample against
/// the current rules of one kind (looked up by metric name) and emits one <see cref="RuleSample"/> per matching rule,
/// with the sample's group. The rule set is the broadcast state (checkpointed); the index over it lives in a field
/// and is rebuilt after a change or a restore.
/// </summary>
internal sealed class MetricRuleMatcher : BroadcastProcessFunction<MetricPoint, RuleChange, RuleSample>
{
    private readonly RuleKind _kind;
    private readonly MapStateDescriptor<string, RuleChange> _rules;
    private MetricRuleIndex? _index;
    private Label[] _scratch = [];

    public MetricRuleMatcher(RuleKind kind, MapStateDescriptor<string, RuleChange> rules)
    {
        _kind = kind;
        _rules = rules;
    }

    public override void Open()
    {
        _index = null;
        _scratch = new Label[16];
    }

    public override void ProcessElement(MetricPoint value, IBroadcastReadOnlyContext context, ICollector<RuleSample> output)
    {
        var index = _index ??= MetricRuleIndex.Build(context.GetBroadcastState(_rules).Entries(), _kind, null);
        var named = index.Named(value.Name);
        var unnamed = index.Unnamed;
        if (named.Length == 0 && unnamed.Length == 0)
        {
            return;
        }

        ulong series = value.SeriesFingerprint;
        for (int i = 0; i < named.Length; i++)
        {
            Match(named[i], value, series, output);
        }

        for (int i = 0; i < unnamed.Length; i++)
        {
            Match(unnamed[i], value, series, output);
        }
    }

    public override void ProcessBroadcastElement(RuleChange value, IBroadcastContext context, ICollector<RuleSample> output)
    {
        try
        {
            var state = context.GetBroadcastState(_rules);
            if (RuleDefinitions.Apply(state, value, _kind, out _))
            {
                _index = MetricRuleIndex.Build(state.Entries(), _kind, _index);
            }
        }
        finally
        {
            EvaluatorMetrics.Applied(value.Name);
        }
    }

    private void Match(CompiledMetricRule rule, in MetricPoint point, ulong series, ICollector<RuleSample> output)
    {
        if (!rule.Selector.Matches(point.Name, point.Labels))
        {
            return;
        }

        Labels group;
        ulong groupKey;
        if (rule.PerSeries)
        {
            group = rule.Groups.GetSeries(point.Name, point.Labels, series, out groupKey);
        }
        else
        {
            if (_scratch.Length < rule.GroupBy.Length)
            {
                _scratch = new Label[rule.GroupBy.Length];
            }

            int n = RuleDefinitions.Project(point.Labels, rule.GroupBy, _scratch);
            group = rule.Groups.Get(_scratch.AsSpan(0, n), out groupKey);
        }

        output.Collect(new RuleSample(rule.Name, rule.Version, groupKey, group, series, point.Timestamp.Milliseconds, point.Value));
    }
}

using Flinq.Functions;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting;

/// <summary>Turns each sample into a heartbeat for every enabled absence rule that selects it.</summary>
internal sealed class AbsenceRouter : BroadcastProcessFunction<MetricPoint, RuleChange, AbsenceHeartbeat>
{
    private AlertRule[]? _rules;
    private LabelsBuilder _builder = null!;

    public override void Open() => _builder = new LabelsBuilder();

    public override void ProcessElement(MetricPoint value, IBroadcastReadOnlyContext context, ICollector<AbsenceHeartbeat> output)
    {
        // The array is rebuilt from broadcast state after a restore (the field is not checkpointed).
        var rules = _rules ??= Load(context.GetBroadcastState(AbsenceEvaluator.RulesDescriptor).Entries());
        for (int i = 0; i < rules.Length; i++)
        {
            var spec = rules[i].Absence!;
            if (spec.Selector.Matches(value.Name, value.Labels))
            {
                output.Collect(new AbsenceHeartbeat(rules[i].Name, GroupLabels.Of(value.Labels, spec.GroupBy, _builder)));
            }
        }
    }

    public override void ProcessBroadcastElement(RuleChange value, IBroadcastContext context, ICollector<AbsenceHeartbeat> output)
    {
        var state = context.GetBroadcastState(AbsenceEvaluator.RulesDescriptor);
        if (value.Rule is { Kind: RuleKind.Absence, Absence: not null } rule)
        {
            state.Put(value.Name, rule);
        }
        else
        {
            state.Remove(value.Name);
        }

        _rules = Load(state.Entries());
    }

    private static AlertRule[] Load(IReadOnlyList<KeyValuePair<string, AlertRule>> entries) =>
        entries.Select(e => e.Value).Where(r => r.Enabled && r.Absence is not null).ToArray();
}

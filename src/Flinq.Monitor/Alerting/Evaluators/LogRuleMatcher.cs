using Flinq.Functions;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// Stage 1 of the log evaluator: tests each log record against every log rule (cheap filters first: severity,
/// substring, matchers, then the regular expression) and emits a <see cref="RuleSample"/> of value 1 per match.
/// Log rules have no name to index by; there are usually few of them.
/// </summary>
internal sealed class LogRuleMatcher : BroadcastProcessFunction<LogRecord, RuleChange, RuleSample>
{
    private readonly MapStateDescriptor<string, RuleChange> _rules;
    private CompiledLogRule[]? _compiled;
    private Label[] _scratch = [];

    public LogRuleMatcher(MapStateDescriptor<string, RuleChange> rules) => _rules = rules;

    public override void Open()
    {
        _compiled = null;
        _scratch = new Label[16];
    }

    public override void ProcessElement(LogRecord value, IBroadcastReadOnlyContext context, ICollector<RuleSample> output)
    {
        var rules = _compiled ??= Compile(context.GetBroadcastState(_rules).Entries(), null);
        for (int i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (!rule.Matches(value))
            {
                continue;
            }

            if (_scratch.Length < rule.GroupBy.Length)
            {
                _scratch = new Label[rule.GroupBy.Length];
            }

            int n = rule.Project(value, _scratch);
            var group = rule.Groups.Get(_scratch.AsSpan(0, n), out ulong groupKey);
            output.Collect(new RuleSample(rule.Name, rule.Version, groupKey, group, 0, value.Timestamp.Milliseconds, 1));
        }
    }

    public override void ProcessBroadcastElement(RuleChange value, IBroadcastContext context, ICollector<RuleSample> output)
    {
        try
        {
            var state = context.GetBroadcastState(_rules);
            if (RuleDefinitions.Apply(state, value, RuleKind.Log, out _))
            {
                _compiled = Compile(state.Entries(), _compiled);
            }
        }
        finally
        {
            EvaluatorMetrics.Applied(value.Name);
        }
    }

    private static CompiledLogRule[] Compile(IReadOnlyList<KeyValuePair<string, RuleChange>> entries, CompiledLogRule[]? previous)
    {
        var result = new List<CompiledLogRule>(entries.Count);
        foreach (var entry in entries)
        {
            var rule = RuleDefinitions.Relevant(entry.Value, RuleKind.Log);
            if (rule is null)
            {
                continue;
            }

            CompiledLogRule? reused = null;
            if (previous is not null)
            {
                foreach (var p in previous)
                {
                    if (ReferenceEquals(p.Spec, rule.Log) && p.Version == entry.Value.Version)
                    {
                        reused = p;
                        break;
                    }
                }
            }

            result.Add(reused ?? new CompiledLogRule(entry.Value, rule));
        }

        return [.. result];
    }
}

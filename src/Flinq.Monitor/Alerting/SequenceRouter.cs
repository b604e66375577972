using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flinq.Functions;
using Flinq.Monitor.Alerting.Evaluators;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting;

/// <summary>Checks telemetry against the steps of every enabled sequence rule and emits the CEP events (see <see cref="SequenceEvaluator"/>).</summary>
internal sealed class SequenceRouter : BroadcastProcessFunction<SequenceInput, RuleChange, JsonElement>
{
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromMilliseconds(100);
    private CompiledRule[]? _rules;
    private LabelsBuilder _builder = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private bool[] _matched = [];

    public override void Open()
    {
        _builder = new LabelsBuilder();
        _buffer = new ArrayBufferWriter<byte>(256);
    }

    public override void ProcessElement(SequenceInput value, IBroadcastReadOnlyContext context, ICollector<JsonElement> output)
    {
        var rules = _rules ??= Load(context.GetBroadcastState(SequenceEvaluator.RulesDescriptor).Entries());
        foreach (var rule in rules)
        {
            var steps = rule.Spec.Steps;
            if (_matched.Length < steps.Count)
            {
                _matched = new bool[steps.Count];
            }

            bool any = false;
            for (int i = 0; i < steps.Count; i++)
            {
                _matched[i] = value.Log is { } log ? MatchesLog(steps[i], rule.Patterns[i], log) : MatchesMetric(steps[i], value.Metric);
                any |= _matched[i];
            }

            if (!any)
            {
                continue;
            }

            var group = value.Log is { } l ? GroupLabels.Of(l, rule.Spec.GroupBy, _builder) : GroupLabels.Of(value.Metric.Labels, rule.Spec.GroupBy, _builder);
            double v = value.Log is null ? value.Metric.Value : double.NaN;
            output.Collect(SequencePatterns.Event(rule.Rule, group, v, _matched.AsSpan(0, steps.Count), _buffer));
        }
    }

    public override void ProcessBroadcastElement(RuleChange value, IBroadcastContext context, ICollector<JsonElement> output)
    {
        var state = context.GetBroadcastState(SequenceEvaluator.RulesDescriptor);
        if (value.Rule is { Kind: RuleKind.Sequence, Sequence: not null, Enabled: true } rule)
        {
            state.Put(value.Name, rule);
        }
        else
        {
            state.Remove(value.Name);
        }

        _rules = Load(state.Entries());
    }

    private static bool MatchesMetric(SequenceStep step, MetricPoint point) =>
        step.Metric is { } selector && point.Name is not null && selector.Matches(point.Name, point.Labels) && WindowMath.Compare(step.Comparison, point.Value, step.Threshold);

    private static bool MatchesLog(SequenceStep step, Regex? pattern, LogRecord log)
    {
        if (step.Log is not { } spec)
        {
            return false;
        }

        if (spec.MinSeverity != SeverityLevel.Unspecified && log.SeverityNumber < (int)spec.MinSeverity)
        {
            return false;
        }

        if (spec.Contains is { } needle && !log.Body.Contains(needle, StringComparison.Ordinal))
        {
            return false;
        }

        if (pattern is not null && !pattern.IsMatch(log.Body))
        {
            return false;
        }

        foreach (var matcher in spec.Matchers)
        {
            if (!matcher.Matches(GroupLabels.Field(log, matcher.Name)))
            {
                return false;
            }
        }

        return true;
    }

    private static CompiledRule[] Load(IReadOnlyList<KeyValuePair<string, AlertRule>> entries) =>
        entries.Select(e => e.Value).Where(r => r.Enabled && r.Sequence is not null)
            .Select(r => new CompiledRule(r, r.Sequence!, r.Sequence!.Steps
                .Select(s => s.Log?.Pattern is { } p ? new Regex(p, RegexOptions.CultureInvariant, s_regexTimeout) : null).ToArray()))
            .ToArray();

    private sealed record CompiledRule(AlertRule Rule, SequenceSpec Spec, Regex?[] Patterns);
}

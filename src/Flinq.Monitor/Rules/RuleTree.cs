using System.Globalization;
using Flinq.Monitor.Rules.Syntax;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Rules;

/// <summary>
/// An <see cref="AlertRule"/> as a <see cref="SyntaxNode"/> tree in the schema <see cref="RuleParser"/> reads, fields
/// in the README's order; fields at their default are left out (<c>enabled</c> true, zero durations, <c>no_data: ok</c>).
/// </summary>
internal static class RuleTree
{
    public static MappingNode Build(AlertRule rule)
    {
        var m = new Builder();
        m.Text("name", rule.Name);
        m.Text("kind", KindName(rule.Kind));
        if (!rule.Enabled)
        {
            m.Bool("enabled", false);
        }

        m.Text("severity", rule.Severity);
        m.Duration("for", rule.For);
        m.Duration("keep_firing_for", rule.KeepFiringFor);
        m.Duration("evaluation_delay", rule.EvaluationDelay);
        if (rule.NoData != NoDataPolicy.Ok)
        {
            m.Text("no_data", rule.NoData == NoDataPolicy.KeepState ? "keep_state" : "alerting");
        }

        m.Map("labels", rule.Labels);
        m.Map("annotations", rule.Annotations);
        switch (rule.Kind)
        {
            case RuleKind.Threshold when rule.Threshold is { } t: m.Node("threshold", Threshold(t)); break;
            case RuleKind.Log when rule.Log is { } l: m.Node("log", Log(l, inStep: false)); break;
            case RuleKind.Absence when rule.Absence is { } a: m.Node("absence", Absence(a)); break;
            case RuleKind.Sequence when rule.Sequence is { } s: m.Node("sequence", Sequence(s)); break;
            case RuleKind.Anomaly when rule.Anomaly is { } a: m.Node("anomaly", Anomaly(a)); break;
            default: throw new ArgumentException($"rule \"{rule.Name}\" is of kind {rule.Kind} but has no {KindName(rule.Kind)} spec", nameof(rule));
        }

        return m.Build();
    }

    public static string KindName(RuleKind kind) => kind switch
    {
        RuleKind.Threshold => "threshold",
        RuleKind.Log => "log",
        RuleKind.Absence => "absence",
        RuleKind.Sequence => "sequence",
        _ => "anomaly",
    };

    private static MappingNode Threshold(ThresholdSpec t)
    {
        var m = new Builder();
        m.Text("metric", t.Selector.ToString());
        m.Text("aggregation", t.Aggregation.ToString().ToLowerInvariant());
        if (t.Aggregation == Aggregation.Quantile)
        {
            m.Number("quantile", t.Quantile);
        }

        m.Duration("window", t.Window, always: true);
        if (t.Slide is { } slide)
        {
            m.Duration("slide", slide, always: true);
        }

        m.List("group_by", t.GroupBy);
        m.Text("op", OperatorText(t.Comparison));
        m.Number("value", t.Threshold);
        return m.Build();
    }

    private static MappingNode Log(LogSpec l, bool inStep)
    {
        var m = new Builder();
        if (l.MinSeverity != SeverityLevel.Unspecified)
        {
            m.Text("min_severity", Severity.TextOf(l.MinSeverity).ToLowerInvariant());
        }

        if (l.Contains is not null)
        {
            m.Text("contains", l.Contains);
        }

        if (l.Pattern is not null)
        {
            m.Text("regex", l.Pattern);
        }

        if (l.Matchers.Count > 0)
        {
            m.Text("match", "{" + string.Join(", ", l.Matchers) + "}");
        }

        if (!inStep)
        {
            m.Duration("window", l.Window, always: true);
            if (l.Slide is { } slide)
            {
                m.Duration("slide", slide, always: true);
            }

            m.List("group_by", l.GroupBy);
            m.Integer("min_count", l.MinCount);
        }

        return m.Build();
    }

    private static MappingNode Absence(AbsenceSpec a)
    {
        var m = new Builder();
        m.Text("metric", a.Selector.ToString());
        m.List("group_by", a.GroupBy);
        m.Duration("silent_for", a.SilentFor, always: true);
        return m.Build();
    }

    private static MappingNode Anomaly(AnomalySpec a)
    {
        var m = new Builder();
        m.Text("metric", a.Selector.ToString());
        m.List("group_by", a.GroupBy);
        m.Number("alpha", a.Alpha);
        m.Number("deviations", a.Deviations);
        m.Integer("warm_up", a.WarmUpSamples);
        return m.Build();
    }

    private static MappingNode Sequence(SequenceSpec s)
    {
        var m = new Builder();
        m.List("group_by", s.GroupBy);
        m.Duration("within", s.Within, always: true);
        if (s.Strict)
        {
            m.Bool("strict", true);
        }

        var steps = new List<SyntaxNode>(s.Steps.Count);
        foreach (var step in s.Steps)
        {
            var sm = new Builder();
            sm.Text("name", step.Name);
            if (step.Metric is { } metric)
            {
                sm.Text("metric", metric.ToString());
                sm.Text("op", OperatorText(step.Comparison));
                sm.Number("value", step.Threshold);
            }
            else if (step.Log is { } log)
            {
                sm.Node("log", Log(log, inStep: true));
            }

            if (step.Times != 1)
            {
                sm.Integer("times", step.Times);
            }

            steps.Add(sm.Build());
        }

        m.Node("steps", new SequenceNode(0, 0, steps));
        return m.Build();
    }

    private static string OperatorText(Comparison c) => c switch
    {
        Comparison.GreaterThan => ">",
        Comparison.GreaterOrEqual => ">=",
        Comparison.LessThan => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Equal => "==",
        _ => "!=",
    };

    private sealed class Builder
    {
        private readonly List<KeyValuePair<ScalarNode, SyntaxNode>> _entries = [];

        public void Node(string key, SyntaxNode value) => _entries.Add(new(new ScalarNode(0, 0, key, ScalarKind.Plain), value));

        public void Text(string key, string value) => Node(key, new ScalarNode(0, 0, value, ScalarKind.String));

        public void Bool(string key, bool value) => Node(key, new ScalarNode(0, 0, value ? "true" : "false", ScalarKind.Boolean));

        public void Number(string key, double value) => Node(key, new ScalarNode(0, 0, value.ToString("R", CultureInfo.InvariantCulture), ScalarKind.Number));

        public void Integer(string key, long value) => Node(key, new ScalarNode(0, 0, value.ToString(CultureInfo.InvariantCulture), ScalarKind.Number));

        public void Duration(string key, TimeSpan value, bool always = false)
        {
            if (always || value != TimeSpan.Zero)
            {
                Text(key, RuleDurations.Format(value));
            }
        }

        public void List(string key, IReadOnlyList<string> items)
        {
            if (items.Count > 0)
            {
                Node(key, new SequenceNode(0, 0, items.Select(i => (SyntaxNode)new ScalarNode(0, 0, i, ScalarKind.String)).ToList()));
            }
        }

        public void Map(string key, IReadOnlyDictionary<string, string> map)
        {
            if (map.Count > 0)
            {
                var entries = map.OrderBy(e => e.Key, StringComparer.Ordinal)
                    .Select(e => new KeyValuePair<ScalarNode, SyntaxNode>(new ScalarNode(0, 0, e.Key, ScalarKind.Plain), new ScalarNode(0, 0, e.Value, ScalarKind.String)))
                    .ToList();
                Node(key, new MappingNode(0, 0, entries));
            }
        }

        public MappingNode Build() => new(0, 0, _entries);
    }
}

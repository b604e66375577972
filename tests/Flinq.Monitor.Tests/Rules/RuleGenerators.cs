using CsCheck;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Rules;

/// <summary>CsCheck generators of valid rules of every kind, with awkward text (quotes, colons, #, newlines, non-ASCII).</summary>
internal static class RuleGenerators
{
    private static readonly Gen<string> s_name = Gen.String[Gen.Char["abcXYZ_09:.-"], 0, 10].Select(s => "r" + s);
    private static readonly Gen<string> s_label = Gen.String[Gen.Char["abcxyz_09"], 0, 6].Select(s => "l" + s);
    private static readonly Gen<string> s_awkward = Gen.String[Gen.Char[" a:#'\"\\-,&*!|>%@`\né~\t"], 1, 12];
    private static readonly Gen<TimeSpan> s_duration = Gen.Long[1, 100_000_000].Select(ms => TimeSpan.FromMilliseconds(ms));
    private static readonly Gen<double> s_number = Gen.OneOf(Gen.Int[-1000, 1000].Select(i => (double)i), Gen.Double[-1e9, 1e9]);
    private static readonly Gen<IReadOnlyList<string>> s_groupBy = s_label.List[0, 3].Select(l => (IReadOnlyList<string>)l.Distinct().ToList());

    private static readonly Gen<string> s_regex = Gen.Select(Gen.String[Gen.Char["abc"], 1, 4], Gen.Int[0, 3],
        (text, form) => form switch { 0 => text, 1 => text + ".*", 2 => text + "|x+", _ => "(" + text + ")?\\d" });

    private static readonly Gen<LabelMatcher> s_matcher = Gen.Select(s_label, Gen.Int[0, 3], s_awkward, s_regex,
        (name, type, text, regex) => type switch
        {
            0 => new LabelMatcher(name, LabelMatchType.Equal, text),
            1 => new LabelMatcher(name, LabelMatchType.NotEqual, text),
            2 => new LabelMatcher(name, LabelMatchType.Regex, regex),
            _ => new LabelMatcher(name, LabelMatchType.NotRegex, regex),
        });

    private static readonly Gen<MetricSelector> s_selector = Gen.Select(Gen.String[Gen.Char["abc_:.9"], 0, 8], s_matcher.List[0, 3],
        (name, matchers) => new MetricSelector("m" + name, matchers));

    private static readonly Gen<(TimeSpan Window, TimeSpan? Slide)> s_window = Gen.Select(s_duration, Gen.Bool, Gen.Double[0.01, 1],
        (window, sliding, fraction) => (window, sliding ? TimeSpan.FromMilliseconds(Math.Max(1, Math.Floor(window.TotalMilliseconds * fraction))) : (TimeSpan?)null));

    private static readonly Gen<ThresholdSpec> s_threshold = Gen.Select(s_selector, Gen.Int[0, 6], Gen.Double[0, 1], s_window, s_groupBy, Gen.Int[0, 5], s_number,
        (selector, agg, q, w, groupBy, op, value) => new ThresholdSpec
        {
            Selector = selector,
            Aggregation = (Aggregation)agg,
            Quantile = agg == (int)Aggregation.Quantile ? q : 0,
            Window = w.Window,
            Slide = w.Slide,
            GroupBy = groupBy,
            Comparison = (Comparison)op,
            Threshold = value,
        });

    private static readonly Gen<LogSpec> s_logCondition = Gen.Select(Gen.Int[0, 6], s_awkward.Null(), s_regex.Null(), s_matcher.List[0, 2],
        (severity, contains, pattern, matchers) => new LogSpec
        {
            MinSeverity = severity == 0 ? SeverityLevel.Unspecified : (SeverityLevel)(severity * 4 - 3),
            Contains = contains,
            Pattern = pattern,
            Matchers = matchers,
            Window = TimeSpan.Zero,
            MinCount = 1,
        });

    private static readonly Gen<LogSpec> s_log = Gen.Select(s_logCondition, s_window, s_groupBy, Gen.Long[1, 1_000_000],
        (l, w, groupBy, min) => l with { Window = w.Window, Slide = w.Slide, GroupBy = groupBy, MinCount = min });

    private static readonly Gen<AbsenceSpec> s_absence = Gen.Select(s_selector, s_groupBy, s_duration,
        (selector, groupBy, silent) => new AbsenceSpec { Selector = selector, GroupBy = groupBy, SilentFor = silent });

    private static readonly Gen<AnomalySpec> s_anomaly = Gen.Select(s_selector, s_groupBy, Gen.Double[1e-6, 1], Gen.Double[0.1, 10], Gen.Int[0, 1000],
        (selector, groupBy, alpha, k, warmUp) => new AnomalySpec { Selector = selector, GroupBy = groupBy, Alpha = alpha, Deviations = k, WarmUpSamples = warmUp });

    private static readonly Gen<SequenceStep> s_step = Gen.Select(Gen.Bool, s_selector, Gen.Int[0, 5], s_number, s_logCondition, Gen.Int[1, 5],
        (isMetric, selector, op, value, log, times) => isMetric
            ? new SequenceStep { Name = "x", Metric = selector, Comparison = (Comparison)op, Threshold = value, Times = times }
            : new SequenceStep { Name = "x", Log = log, Times = times });

    private static readonly Gen<SequenceSpec> s_sequence = Gen.Select(s_step.List[2, 4], s_duration, Gen.Bool, s_groupBy,
        (steps, within, strict, groupBy) => new SequenceSpec
        {
            Steps = steps.Select((s, i) => s with { Name = "step" + i }).ToList(),
            Within = within,
            Strict = strict,
            GroupBy = groupBy,
        });

    private static readonly Gen<IReadOnlyDictionary<string, string>> s_labels = Gen.Select(s_label, s_awkward).List[0, 3]
        .Select(l => (IReadOnlyDictionary<string, string>)l.Where(p => p.Item1 is not ("alertname" or "severity")).DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    private static readonly Gen<IReadOnlyDictionary<string, string>> s_annotations = Gen.Select(s_label, s_awkward, Gen.Bool).List[0, 3]
        .Select(l => (IReadOnlyDictionary<string, string>)l.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item3 ? p.Item2 + " {{ $labels.host }} at {{ $value }}" : p.Item2));

    /// <summary>Any valid rule.</summary>
    public static Gen<AlertRule> Rule { get; } = Gen.Select(
        Gen.Select(s_name, Gen.Int[0, 4], Gen.Bool, Gen.Int[0, 3].Select(i => new[] { "critical", "warning", "info", "page me" }[i])),
        Gen.Select(s_duration, s_duration, s_duration, Gen.Int[0, 2], Gen.Int[0, 7]),
        Gen.Select(s_labels, s_annotations),
        Gen.Select(s_threshold, s_log, s_absence, s_sequence, s_anomaly),
        (head, times, text, specs) =>
        {
            var kind = (RuleKind)head.Item2;
            return new AlertRule
            {
                Name = head.Item1,
                Kind = kind,
                Enabled = head.Item3,
                Severity = head.Item4,
                For = times.Item5 % 2 == 0 ? TimeSpan.Zero : times.Item1,
                // A sequence rule never has keep_firing_for 0: left out, it is the sequence's within.
                KeepFiringFor = times.Item5 % 3 == 0 ? (kind == RuleKind.Sequence ? specs.Item4.Within : TimeSpan.Zero) : times.Item2,
                EvaluationDelay = times.Item5 % 4 == 0 ? TimeSpan.Zero : times.Item3,
                NoData = (NoDataPolicy)times.Item4,
                Labels = text.Item1,
                Annotations = text.Item2,
                Threshold = kind == RuleKind.Threshold ? specs.Item1 : null,
                Log = kind == RuleKind.Log ? specs.Item2 : null,
                Absence = kind == RuleKind.Absence ? specs.Item3 : null,
                Sequence = kind == RuleKind.Sequence ? specs.Item4 : null,
                Anomaly = kind == RuleKind.Anomaly ? specs.Item5 : null,
            };
        });
}

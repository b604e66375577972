using System.Globalization;
using Flinq.Monitor.Rules.Syntax;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Rules;

/// <summary>The five spec sections and the sequence steps.</summary>
internal sealed partial class RuleBinder
{
    private static readonly string[] s_thresholdKeys = ["metric", "aggregation", "quantile", "window", "slide", "group_by", "op", "value"];
    private static readonly string[] s_logKeys = ["min_severity", "contains", "regex", "match", "window", "slide", "group_by", "min_count"];
    private static readonly string[] s_stepLogKeys = ["min_severity", "contains", "regex", "match"];
    private static readonly string[] s_absenceKeys = ["metric", "group_by", "silent_for"];
    private static readonly string[] s_anomalyKeys = ["metric", "group_by", "alpha", "deviations", "warm_up"];
    private static readonly string[] s_sequenceKeys = ["group_by", "within", "strict", "steps"];
    private static readonly string[] s_stepKeys = ["name", "metric", "op", "value", "log", "times"];
    private static readonly string[] s_aggregations = ["avg", "min", "max", "sum", "count", "rate", "quantile"];
    private static readonly string[] s_operators = [">", ">=", "<", "<=", "==", "!="];
    private static readonly string[] s_severities = ["trace", "debug", "info", "warn", "error", "fatal", "warning"];
    private static readonly SeverityLevel[] s_severityLevels =
        [SeverityLevel.Trace, SeverityLevel.Debug, SeverityLevel.Info, SeverityLevel.Warn, SeverityLevel.Error, SeverityLevel.Fatal, SeverityLevel.Warn];

    private ThresholdSpec? BindThreshold(SyntaxNode node, string path)
    {
        if (AsMapping(node, path, "the threshold section") is not { } map)
        {
            return null;
        }

        int before = _errors.Count;
        CheckKeys(map, path, s_thresholdKeys);
        var selector = Selector(map, "metric", path);
        var (aggregation, quantile) = BindAggregation(map, path);
        var (window, slide) = BindWindow(map, path, required: true);
        var groupBy = NameList(map, "group_by", path);
        var op = Word(map, "op", path, required: true, s_operators);
        var value = Finite(map, "value", path, required: true);
        if (_errors.Count > before)
        {
            return null;
        }

        return new ThresholdSpec
        {
            Selector = selector!,
            Aggregation = aggregation!.Value,
            Quantile = quantile,
            Window = window!.Value,
            Slide = slide,
            GroupBy = groupBy ?? [],
            Comparison = (Comparison)op!.Value,
            Threshold = value!.Value,
        };
    }

    /// <summary><c>aggregation: avg|...|quantile</c> with <c>quantile: 0.95</c>, or <c>p50</c>...<c>p99.9</c>.</summary>
    private (Aggregation? Aggregation, double Quantile) BindAggregation(MappingNode map, string path)
    {
        string aggPath = SyntaxPath.Key(path, "aggregation");
        var node = Field(map, "aggregation", path, required: true);
        var quantileNode = map.Get("quantile");
        double? quantile = Number(map, "quantile", path);
        if (quantile is { } q && !(q >= 0 && q <= 1))
        {
            Error(quantileNode!, SyntaxPath.Key(path, "quantile"), string.Create(CultureInfo.InvariantCulture, $"quantile {q} is out of range; use 0 to 1 (0.99 is p99)"));
            quantile = null;
        }

        if (node is null || StringValue(node, aggPath) is not { } text)
        {
            return (null, 0);
        }

        if (text.Length > 1 && text[0] is 'p' or 'P' && char.IsAsciiDigit(text[1]))
        {
            if (!double.TryParse(text.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double percent) || percent > 100)
            {
                Error(node, aggPath, $"\"{text}\" is not a percentile; use p50, p90, p95, p99, p99.9 (0 to 100)");
                return (null, 0);
            }

            if (quantileNode is not null)
            {
                Error(quantileNode, SyntaxPath.Key(path, "quantile"), $"\"aggregation: {text}\" already gives the quantile; remove \"quantile\"");
            }

            return (Aggregation.Quantile, percent / 100);
        }

        int index = Array.IndexOf(s_aggregations, text.ToLowerInvariant());
        if (index < 0)
        {
            Error(node, aggPath, $"\"{text}\" is not an aggregation; use avg, min, max, sum, count, rate, quantile (with quantile: 0.95) or p50...p99");
            return (null, 0);
        }

        var aggregation = (Aggregation)index;
        if (aggregation == Aggregation.Quantile && quantileNode is null)
        {
            Error(map, SyntaxPath.Key(path, "quantile"), "\"aggregation: quantile\" needs \"quantile: 0.95\" (0 to 1), or write aggregation: p95");
        }
        else if (aggregation != Aggregation.Quantile && quantileNode is not null)
        {
            Error(quantileNode, SyntaxPath.Key(path, "quantile"), $"\"quantile\" applies only to aggregation quantile, not {text}");
        }

        return (aggregation, quantile ?? 0);
    }

    /// <summary><c>window</c> (required, positive) and <c>slide</c> (optional, positive, not longer than the window).</summary>
    private (TimeSpan? Window, TimeSpan? Slide) BindWindow(MappingNode map, string path, bool required)
    {
        var window = Duration(map, "window", path, required, positive: true);
        var slide = Duration(map, "slide", path, required: false, positive: true);
        if (window is { } w && slide is { } s && s > w)
        {
            Error(map.Get("slide")!, SyntaxPath.Key(path, "slide"),
                $"slide {RuleDurations.Format(s)} is longer than the window {RuleDurations.Format(w)}; a sliding window's slide must not exceed its length");
        }

        return (window, slide);
    }

    private double? Finite(MappingNode map, string key, string path, bool required)
    {
        var value = Number(map, key, path, required);
        if (value is { } v && !double.IsFinite(v))
        {
            Error(map.Get(key)!, SyntaxPath.Key(path, key), "must be a finite number");
            return null;
        }

        return value;
    }

    private LogSpec? BindLog(SyntaxNode node, string path, bool inStep)
    {
        if (AsMapping(node, path, "the log section") is not { } map)
        {
            return null;
        }

        int before = _errors.Count;
        CheckKeys(map, path, inStep ? s_stepLogKeys : s_logKeys);
        var severity = Word(map, "min_severity", path, required: false, s_severities);
        string? contains = String(map, "contains", path);
        if (contains is { Length: 0 })
        {
            Error(map.Get("contains")!, SyntaxPath.Key(path, "contains"), "an empty \"contains\" matches everything; remove it");
        }

        string? pattern = Regex(map, "regex", path);
        IReadOnlyList<LabelMatcher> matchers = [];
        if (Field(map, "match", path, required: false) is { } matchNode && StringValue(matchNode, SyntaxPath.Key(path, "match")) is { } text)
        {
            try
            {
                matchers = LabelMatcher.ParseList(text);
            }
            catch (FormatException e)
            {
                Error(matchNode, SyntaxPath.Key(path, "match"), $"bad label matchers: {e.Message}");
            }
        }

        TimeSpan? window = TimeSpan.Zero;
        TimeSpan? slide = null;
        List<string>? groupBy = null;
        long? minCount = 1;
        if (!inStep)
        {
            (window, slide) = BindWindow(map, path, required: true);
            groupBy = NameList(map, "group_by", path);
            minCount = Integer(map, "min_count", path, 1, long.MaxValue) ?? 1;
        }

        if (_errors.Count > before)
        {
            return null;
        }

        return new LogSpec
        {
            MinSeverity = severity is { } s ? s_severityLevels[s] : SeverityLevel.Unspecified,
            Contains = contains,
            Pattern = pattern,
            Matchers = matchers,
            Window = window!.Value,
            Slide = slide,
            GroupBy = groupBy ?? [],
            MinCount = minCount!.Value,
        };
    }

    private AbsenceSpec? BindAbsence(SyntaxNode node, string path)
    {
        if (AsMapping(node, path, "the absence section") is not { } map)
        {
            return null;
        }

        int before = _errors.Count;
        CheckKeys(map, path, s_absenceKeys);
        var selector = Selector(map, "metric", path);
        var groupBy = NameList(map, "group_by", path);
        var silentFor = Duration(map, "silent_for", path, required: true, positive: true);
        return _errors.Count > before ? null : new AbsenceSpec { Selector = selector!, GroupBy = groupBy ?? [], SilentFor = silentFor!.Value };
    }

    private AnomalySpec? BindAnomaly(SyntaxNode node, string path)
    {
        if (AsMapping(node, path, "the anomaly section") is not { } map)
        {
            return null;
        }

        int before = _errors.Count;
        CheckKeys(map, path, s_anomalyKeys);
        var selector = Selector(map, "metric", path);
        var groupBy = NameList(map, "group_by", path);
        var alpha = Number(map, "alpha", path);
        if (alpha is { } a && !(a > 0 && a <= 1))
        {
            Error(map.Get("alpha")!, SyntaxPath.Key(path, "alpha"), string.Create(CultureInfo.InvariantCulture, $"alpha {a} is out of range; use a weight in (0, 1], e.g. 0.1"));
        }

        var deviations = Number(map, "deviations", path);
        if (deviations is { } d && !(d > 0 && double.IsFinite(d)))
        {
            Error(map.Get("deviations")!, SyntaxPath.Key(path, "deviations"), "deviations must be a positive number of standard deviations, e.g. 3");
        }

        var warmUp = Integer(map, "warm_up", path, 0, int.MaxValue);
        if (_errors.Count > before)
        {
            return null;
        }

        var defaults = new AnomalySpec { Selector = selector! };
        return defaults with
        {
            GroupBy = groupBy ?? [],
            Alpha = alpha ?? defaults.Alpha,
            Deviations = deviations ?? defaults.Deviations,
            WarmUpSamples = (int?)warmUp ?? defaults.WarmUpSamples,
        };
    }

    private SequenceSpec? BindSequence(SyntaxNode node, string path)
    {
        if (AsMapping(node, path, "the sequence section") is not { } map)
        {
            return null;
        }

        int before = _errors.Count;
        CheckKeys(map, path, s_sequenceKeys);
        var groupBy = NameList(map, "group_by", path);
        var within = Duration(map, "within", path, required: true, positive: true);
        bool strict = Boolean(map, "strict", path) ?? false;
        var steps = new List<SequenceStep>();
        string stepsPath = SyntaxPath.Key(path, "steps");
        if (Field(map, "steps", path, required: true) is { } stepsNode)
        {
            if (stepsNode is not SequenceNode list)
            {
                Error(stepsNode, stepsPath, $"expected a list of steps, got {stepsNode.Describe()}");
            }
            else
            {
                if (list.Items.Count < 2)
                {
                    Error(list, stepsPath, string.Create(CultureInfo.InvariantCulture, $"a sequence needs at least two steps, got {list.Items.Count}"));
                }

                var names = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
                for (int i = 0; i < list.Items.Count; i++)
                {
                    string stepPath = SyntaxPath.Index(stepsPath, i);
                    if (BindStep(list.Items[i], stepPath) is { } step)
                    {
                        steps.Add(step);
                    }

                    if ((list.Items[i] as MappingNode)?.Get("name") is ScalarNode nameNode)
                    {
                        if (names.TryGetValue(nameNode.Value, out var first))
                        {
                            Error(nameNode, SyntaxPath.Key(stepPath, "name"), string.Create(CultureInfo.InvariantCulture,
                                $"duplicate step name \"{nameNode.Value}\" (first at line {first.Line}, column {first.Column})"));
                        }
                        else
                        {
                            names.Add(nameNode.Value, nameNode);
                        }
                    }
                }
            }
        }

        if (_errors.Count > before)
        {
            return null;
        }

        return new SequenceSpec { Steps = steps, Within = within!.Value, Strict = strict, GroupBy = groupBy ?? [] };
    }

    private SequenceStep? BindStep(SyntaxNode node, string path)
    {
        if (AsMapping(node, path, "a step") is not { } map)
        {
            return null;
        }

        int before = _errors.Count;
        CheckKeys(map, path, s_stepKeys);
        string? name = String(map, "name", path, required: true);
        if (name is not null && !RuleNames.IsRuleName(name))
        {
            Error(map.Get("name")!, SyntaxPath.Key(path, "name"), $"\"{name}\" is not a valid step name: use letters, digits, _, :, . and -");
        }

        bool hasMetric = map.Get("metric") is not null;
        bool hasLog = map.Get("log") is not null;
        MetricSelector? selector = null;
        int? op = null;
        double? value = null;
        LogSpec? log = null;
        if (hasMetric == hasLog)
        {
            Error(map, path, hasMetric
                ? "a step is either a metric condition (metric, op, value) or a log condition (log), not both"
                : "a step needs a condition: metric with op and value, or log");
        }
        else if (hasMetric)
        {
            selector = Selector(map, "metric", path);
            op = Word(map, "op", path, required: true, s_operators);
            value = Finite(map, "value", path, required: true);
        }
        else
        {
            foreach (var key in (string[])["op", "value"])
            {
                if (map.Get(key) is not null)
                {
                    Error(map.Get(key)!, SyntaxPath.Key(path, key), $"\"{key}\" belongs to a metric step; a log step has none");
                }
            }

            log = BindLog(map.Get("log")!, SyntaxPath.Key(path, "log"), inStep: true);
        }

        var times = Integer(map, "times", path, 1, 1000);
        if (_errors.Count > before)
        {
            return null;
        }

        return new SequenceStep
        {
            Name = name!,
            Metric = selector,
            Comparison = (Comparison)(op ?? 0),
            Threshold = value ?? 0,
            Log = log,
            Times = (int)(times ?? 1),
        };
    }
}

using System.Globalization;
using Flinq.Monitor.Rules.Syntax;

namespace Flinq.Monitor.Rules;

/// <summary>
/// Turns a <see cref="SyntaxNode"/> tree into <see cref="AlertRule"/>s, checking the schema of the Rules README.
/// Never stops at the first problem: every error is collected with its position and path. A rule with any error
/// yields no <see cref="AlertRule"/>.
/// </summary>
internal sealed partial class RuleBinder
{
    private static readonly string[] s_ruleKeys =
    [
        "name", "kind", "enabled", "severity", "for", "keep_firing_for", "evaluation_delay", "no_data", "labels", "annotations",
        "threshold", "log", "absence", "sequence", "anomaly",
    ];

    private static readonly string[] s_kinds = ["threshold", "log", "absence", "sequence", "anomaly"];
    private static readonly string[] s_noData = ["ok", "keep_state", "alerting"];

    private readonly List<RuleError> _errors;

    public RuleBinder(List<RuleError> errors)
    {
        _errors = errors;
    }

    /// <summary>A rule file: <c>rules:</c> and a list of rules; names must be unique.</summary>
    public List<AlertRule> BindFile(SyntaxNode? root)
    {
        var rules = new List<AlertRule>();
        if (root is null)
        {
            return rules;
        }

        if (AsMapping(root, string.Empty, "a rule file with a \"rules:\" list") is not { } map)
        {
            return rules;
        }

        CheckKeys(map, string.Empty, ["rules"]);
        var node = Field(map, "rules", string.Empty, required: true);
        if (node is null)
        {
            return rules;
        }

        if (node is not SequenceNode list)
        {
            Error(node, "rules", $"expected a list of rules, got {node.Describe()}");
            return rules;
        }

        var names = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        for (int i = 0; i < list.Items.Count; i++)
        {
            string path = SyntaxPath.Index("rules", i);
            var rule = BindRule(list.Items[i], path, expectedName: null);
            if ((list.Items[i] as MappingNode)?.Get("name") is ScalarNode nameNode)
            {
                if (names.TryGetValue(nameNode.Value, out var first))
                {
                    Error(nameNode, SyntaxPath.Key(path, "name"), string.Create(CultureInfo.InvariantCulture,
                        $"duplicate rule name \"{nameNode.Value}\" (first at line {first.Line}, column {first.Column}); rule names must be unique"));
                    continue;
                }

                names.Add(nameNode.Value, nameNode);
            }

            if (rule is not null)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    /// <summary>One rule mapping (an API body); its name may be omitted when <paramref name="expectedName"/> is given, and must equal it otherwise.</summary>
    public AlertRule? BindSingle(SyntaxNode? root, string? expectedName)
    {
        if (root is null)
        {
            _errors.Add(new RuleError(1, 1, string.Empty, "the body is empty; expected one rule (name, kind, and its spec)"));
            return null;
        }

        return BindRule(root, string.Empty, expectedName);
    }

    private AlertRule? BindRule(SyntaxNode node, string path, string? expectedName)
    {
        if (AsMapping(node, path, "a rule") is not { } map)
        {
            return null;
        }

        int before = _errors.Count;
        CheckKeys(map, path, s_ruleKeys);
        string? name = String(map, "name", path, required: expectedName is null);
        if (name is not null && !RuleNames.IsRuleName(name))
        {
            Error(map.Get("name")!, SyntaxPath.Key(path, "name"), $"\"{name}\" is not a valid rule name: use letters, digits, _, :, . and -, starting with a letter, digit or _, at most {RuleNames.MaxNameLength} characters");
        }
        else if (name is not null && expectedName is not null && !string.Equals(name, expectedName, StringComparison.Ordinal))
        {
            Error(map.Get("name")!, SyntaxPath.Key(path, "name"), $"the body names the rule \"{name}\" but the URL names \"{expectedName}\"; they must agree (or leave the name out of the body)");
        }

        if (name is null && expectedName is not null)
        {
            name = expectedName;
            if (!RuleNames.IsRuleName(name))
            {
                Error(map, SyntaxPath.Key(path, "name"), $"\"{name}\" (from the URL) is not a valid rule name: use letters, digits, _, :, . and -, starting with a letter, digit or _, at most {RuleNames.MaxNameLength} characters");
            }
        }
        var kind = BindKind(map, path);
        bool enabled = Boolean(map, "enabled", path) ?? true;
        string? severity = String(map, "severity", path);
        if (severity is not null && (severity.Length == 0 || severity.Any(char.IsControl)))
        {
            Error(map.Get("severity")!, SyntaxPath.Key(path, "severity"), "severity must be a non-empty single-line word such as critical, warning or info");
        }

        var forDuration = Duration(map, "for", path, required: false, positive: false);
        var keepFiringFor = Duration(map, "keep_firing_for", path, required: false, positive: false);
        var evaluationDelay = Duration(map, "evaluation_delay", path, required: false, positive: false);
        var noData = Word(map, "no_data", path, required: false, s_noData);
        var labels = StringMap(map, "labels", path, (value, valueNode, labelPath) =>
        {
            string label = labelPath[(labelPath.LastIndexOf('.') + 1)..];
            if (label is "alertname" or "severity")
            {
                Error(valueNode, labelPath, $"\"{label}\" is set by the rule itself ({(label == "alertname" ? "the rule's name" : "the severity field")}); remove it from labels");
                return false;
            }

            return true;
        });
        var annotations = StringMap(map, "annotations", path, (value, valueNode, annotationPath) =>
        {
            if (!RuleTemplates.TryValidate(value, out string reason))
            {
                Error(valueNode, annotationPath, "bad template: " + reason);
                return false;
            }

            return true;
        });

        ThresholdSpec? threshold = null;
        LogSpec? log = null;
        AbsenceSpec? absence = null;
        SequenceSpec? sequence = null;
        AnomalySpec? anomaly = null;
        if (kind is { } k && Field(map, s_kinds[(int)k], path, required: true) is { } spec)
        {
            string specPath = SyntaxPath.Key(path, s_kinds[(int)k]);
            switch (k)
            {
                case RuleKind.Threshold: threshold = BindThreshold(spec, specPath); break;
                case RuleKind.Log: log = BindLog(spec, specPath, inStep: false); break;
                case RuleKind.Absence: absence = BindAbsence(spec, specPath); break;
                case RuleKind.Sequence: sequence = BindSequence(spec, specPath); break;
                default: anomaly = BindAnomaly(spec, specPath); break;
            }
        }

        if (kind == RuleKind.Sequence && keepFiringFor == TimeSpan.Zero)
        {
            Error(map.Get("keep_firing_for")!, SyntaxPath.Key(path, "keep_firing_for"),
                "a sequence alert resolves keep_firing_for after its last match, so 0 would resolve it at the instant it fires " +
                "and no notification would go out (a group whose alerts all resolved before its first notification is not sent); " +
                "leave it out (default: the sequence's within) or give a duration such as 5m");
        }

        if (_errors.Count > before || name is null || kind is null)
        {
            return null;
        }

        return new AlertRule
        {
            Name = name,
            Kind = kind.Value,
            Enabled = enabled,
            Severity = severity ?? "warning",
            For = forDuration ?? TimeSpan.Zero,
            KeepFiringFor = keepFiringFor ?? (sequence is not null ? sequence.Within : TimeSpan.Zero),
            EvaluationDelay = evaluationDelay ?? TimeSpan.Zero,
            NoData = (NoDataPolicy)(noData ?? 0),
            Labels = labels ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Annotations = annotations ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Threshold = threshold,
            Log = log,
            Absence = absence,
            Sequence = sequence,
            Anomaly = anomaly,
        };
    }

    /// <summary><c>kind</c>, or the only spec section present when <c>kind</c> is left out; other spec sections are errors.</summary>
    private RuleKind? BindKind(MappingNode map, string path)
    {
        int? explicitKind = Word(map, "kind", path, required: false, s_kinds);
        int? kind = explicitKind;
        if (map.Get("kind") is null)
        {
            var present = s_kinds.Where(s => map.Get(s) is not null).ToList();
            if (present.Count == 1)
            {
                kind = Array.IndexOf(s_kinds, present[0]);
            }
            else
            {
                Error(map, SyntaxPath.Key(path, "kind"), present.Count == 0
                    ? "missing required field \"kind\" (threshold, log, absence, sequence or anomaly) and its section"
                    : $"missing field \"kind\": the rule has sections {string.Join(" and ", present)}; say which one it is");
                return null;
            }
        }

        if (kind is null)
        {
            return null;
        }

        foreach (var (key, _) in map.Entries)
        {
            int other = Array.IndexOf(s_kinds, key.Value);
            if (other >= 0 && other != kind)
            {
                Error(key, SyntaxPath.Key(path, key.Value), $"a {s_kinds[kind.Value]} rule has no \"{key.Value}\" section; remove it or change kind");
            }
        }

        return (RuleKind)kind.Value;
    }
}

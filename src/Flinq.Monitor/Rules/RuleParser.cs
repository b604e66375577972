using Flinq.Monitor.Rules.Syntax;

namespace Flinq.Monitor.Rules;

/// <summary>
/// Reads alert rules from YAML or JSON (the schema is in the Rules README) and validates them, collecting every
/// error with its line, column and field path instead of stopping at the first.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class RuleParser
{
    /// <summary>The most errors reported for one document; the rest are summarised in one last error.</summary>
    public const int MaxErrors = 100;

    /// <summary>Parses a rule file: a mapping with one key, <c>rules</c>, holding a list of rules with unique names. An empty document has no rules.</summary>
    public static RuleParseResult ParseFile(string text, RuleFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<RuleError>();
        var root = Read(text, format, errors);
        var rules = errors.Count == 0 ? new RuleBinder(errors).BindFile(root) : [];
        return new RuleParseResult(rules, Cap(errors));
    }

    /// <summary>
    /// Parses one rule (a mapping with <c>name</c>, <c>kind</c>, ...), as a REST body carries it. When
    /// <paramref name="expectedName"/> is given (the name in the URL) the body may leave out <c>name</c> and must
    /// not contradict it.
    /// </summary>
    public static RuleParseResult ParseRule(string text, RuleFormat format, string? expectedName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<RuleError>();
        var root = Read(text, format, errors);
        AlertRule? rule = errors.Count == 0 ? new RuleBinder(errors).BindSingle(root, expectedName) : null;
        return new RuleParseResult(rule is null ? [] : [rule], Cap(errors));
    }

    /// <summary>
    /// Parses either form: a document whose top level has a <c>rules</c> key is a file, anything else one rule
    /// (what <c>POST /api/v1/rules/validate</c> accepts).
    /// </summary>
    public static RuleParseResult ParseAny(string text, RuleFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<RuleError>();
        var root = Read(text, format, errors);
        if (errors.Count > 0)
        {
            return new RuleParseResult([], Cap(errors));
        }

        var binder = new RuleBinder(errors);
        if (root is MappingNode map && map.Get("rules") is not null)
        {
            return new RuleParseResult(binder.BindFile(root), Cap(errors));
        }

        var rule = binder.BindSingle(root, expectedName: null);
        return new RuleParseResult(rule is null ? [] : [rule], Cap(errors));
    }

    /// <summary>The format a file name suggests: <c>.json</c> is JSON, anything else YAML.</summary>
    public static RuleFormat FormatOfPath(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? RuleFormat.Json : RuleFormat.Yaml;

    private static SyntaxNode? Read(string text, RuleFormat format, List<RuleError> errors) =>
        format == RuleFormat.Json ? JsonTreeReader.Read(text, errors) : YamlTreeReader.Read(text, errors);

    private static List<RuleError> Cap(List<RuleError> errors)
    {
        if (errors.Count <= MaxErrors)
        {
            return errors;
        }

        var capped = errors.GetRange(0, MaxErrors);
        capped.Add(new RuleError(0, 0, string.Empty, $"{errors.Count - MaxErrors} more errors not shown; fix the ones above first"));
        return capped;
    }
}

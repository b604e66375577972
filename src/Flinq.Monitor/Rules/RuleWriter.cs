using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Flinq.Monitor.Rules.Syntax;

namespace Flinq.Monitor.Rules;

/// <summary>
/// Writes rules in the schema <see cref="RuleParser"/> reads, so <c>Parse(Write(rule))</c> gives the rule back
/// (compare with <see cref="AlertRuleComparer"/>). Fields at their default are left out.
/// </summary>
/// <remarks>Stateless and thread-safe. Durations are written to the millisecond.</remarks>
public static class RuleWriter
{
    /// <summary>One rule as a YAML mapping (what <c>PUT /api/v1/rules/{name}</c> accepts).</summary>
    /// <exception cref="ArgumentException">The rule's kind has no matching spec.</exception>
    public static string ToYaml(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return YamlTreeWriter.Write(RuleTree.Build(rule));
    }

    /// <summary>A rule file: <c>rules:</c> and the rules in order.</summary>
    /// <exception cref="ArgumentException">A rule's kind has no matching spec.</exception>
    public static string ToYamlFile(IEnumerable<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = new SequenceNode(0, 0, rules.Select(r => (SyntaxNode)RuleTree.Build(r)).ToList());
        var root = new MappingNode(0, 0, [new(new ScalarNode(0, 0, "rules", ScalarKind.Plain), list)]);
        return YamlTreeWriter.Write(root);
    }

    /// <summary>One rule as a JSON object.</summary>
    /// <exception cref="ArgumentException">The rule's kind has no matching spec.</exception>
    public static string ToJson(AlertRule rule, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(rule);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, rule);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes one rule as a JSON object at the writer's position (e.g. inside a response).</summary>
    /// <exception cref="ArgumentException">The rule's kind has no matching spec.</exception>
    public static void WriteJson(Utf8JsonWriter writer, AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rule);
        JsonTreeWriter.Write(writer, RuleTree.Build(rule));
    }
}

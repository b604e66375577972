namespace Flinq.Monitor.Rules;

/// <summary>The text format of a rule file or body; both carry the same schema (Rules README).</summary>
public enum RuleFormat
{
    /// <summary>YAML 1.1 as YamlDotNet reads it (a JSON document is valid YAML too).</summary>
    Yaml,

    /// <summary>JSON (RFC 8259), with comments and trailing commas tolerated.</summary>
    Json,
}

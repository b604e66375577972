namespace Flinq.Monitor.Rules.Syntax;

/// <summary>A mapping (YAML) or object (JSON) in document order; keys are unique (the readers report duplicates).</summary>
internal sealed class MappingNode : SyntaxNode
{
    public MappingNode(int line, int column, IReadOnlyList<KeyValuePair<ScalarNode, SyntaxNode>> entries)
        : base(line, column)
    {
        Entries = entries;
    }

    public IReadOnlyList<KeyValuePair<ScalarNode, SyntaxNode>> Entries { get; }

    public SyntaxNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
        {
            if (string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    public override string Describe() => "a mapping";
}

namespace Flinq.Monitor.Rules.Syntax;

/// <summary>A sequence (YAML) or array (JSON).</summary>
internal sealed class SequenceNode : SyntaxNode
{
    public SequenceNode(int line, int column, IReadOnlyList<SyntaxNode> items)
        : base(line, column)
    {
        Items = items;
    }

    public IReadOnlyList<SyntaxNode> Items { get; }

    public override string Describe() => "a list";
}

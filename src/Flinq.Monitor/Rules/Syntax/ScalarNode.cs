namespace Flinq.Monitor.Rules.Syntax;

/// <summary>A scalar value with how it was written.</summary>
internal sealed class ScalarNode : SyntaxNode
{
    public ScalarNode(int line, int column, string value, ScalarKind kind)
        : base(line, column)
    {
        Value = value;
        Kind = kind;
    }

    public string Value { get; }

    public ScalarKind Kind { get; }

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Number => $"the number {Value}",
        ScalarKind.Boolean => Value,
        _ => $"\"{Value}\"",
    };
}

namespace Flinq.Monitor.Rules.Syntax;

/// <summary>
/// One node of a parsed YAML or JSON document with the position it started at (1-based line and column), so the
/// binder can point every error at the text. YAML and JSON both read into this tree; the binder knows only it.
/// </summary>
internal abstract class SyntaxNode
{
    protected SyntaxNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>"a mapping", "a list", "a string", ... for error messages.</summary>
    public abstract string Describe();
}

using System.Globalization;

namespace Flinq.Monitor.Rules;

/// <summary>
/// One problem in a rule file or rule body: where it is (1-based <see cref="Line"/> and <see cref="Column"/>),
/// which field (<see cref="Path"/>, e.g. <c>rules[2].threshold.window</c>) and what is wrong with it.
/// </summary>
/// <param name="Line">The 1-based line of the offending key or value (of the enclosing mapping for a missing field); 0 when not tied to the text.</param>
/// <param name="Column">The 1-based column (in characters) on <paramref name="Line"/>; 0 when not tied to the text.</param>
/// <param name="Path">The field's path from the document root; empty for the document itself.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record RuleError(int Line, int Column, string Path, string Message)
{
    /// <summary><c>line:column: path: message</c>, the form compilers print (prefix it with the file name).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}: ") + (Path.Length == 0 ? Message : Path + ": " + Message);
}

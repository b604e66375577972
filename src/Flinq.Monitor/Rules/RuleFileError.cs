namespace Flinq.Monitor.Rules;

/// <summary>An error in a rule file: the file and the positioned error.</summary>
/// <param name="File">The file's path as configured or found.</param>
/// <param name="Error">The error; its line and column are 0 when the problem is the file itself (missing, unreadable) or a conflict between files.</param>
public sealed record RuleFileError(string File, RuleError Error)
{
    /// <summary><c>file:line:column: path: message</c>.</summary>
    public override string ToString() => File + ":" + Error;
}

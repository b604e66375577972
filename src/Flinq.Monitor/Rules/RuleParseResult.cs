namespace Flinq.Monitor.Rules;

/// <summary>
/// What <see cref="RuleParser"/> read: the rules that bound without error and every error found. A caller that
/// applies rules should apply nothing unless <see cref="IsValid"/>.
/// </summary>
/// <param name="Rules">The rules without errors, in document order.</param>
/// <param name="Errors">All errors, in the order found (mostly document order).</param>
public sealed record RuleParseResult(IReadOnlyList<AlertRule> Rules, IReadOnlyList<RuleError> Errors)
{
    /// <summary>True when there is no error.</summary>
    public bool IsValid => Errors.Count == 0;
}

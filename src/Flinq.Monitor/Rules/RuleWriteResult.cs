namespace Flinq.Monitor.Rules;

/// <summary>What a <see cref="RuleStore"/> change did.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Rule">The stored rule after the change (null when deleted or not found).</param>
/// <param name="Reason">Why a <see cref="RuleWriteStatus.Conflict"/> or <see cref="RuleWriteStatus.NotFound"/> happened; null otherwise.</param>
public sealed record RuleWriteResult(RuleWriteStatus Status, StoredRule? Rule, string? Reason);

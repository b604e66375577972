namespace Flinq.Monitor.Rules;

/// <summary>A rule as the <see cref="RuleStore"/> holds it.</summary>
/// <param name="Rule">The definition.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="Version">The store version of its last change (what its <see cref="RuleChange"/> carried).</param>
/// <param name="File">The file it was read from, for <see cref="RuleSource.File"/> rules; null otherwise.</param>
public sealed record StoredRule(AlertRule Rule, RuleSource Source, long Version, string? File);

namespace Flinq.Monitor.Rules;

/// <summary>
/// One change to the rule set, as broadcast to the rule jobs: <see cref="Rule"/> is the new definition (created,
/// updated, enabled or disabled), or null when the rule named <see cref="Name"/> was deleted. A receiving
/// operator replaces its copy and, on delete, on disable or on a change of what the rule evaluates, clears the
/// rule's keyed state (<c>ApplyToKeyedState</c>) so no old partial result survives.
/// </summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Rule">The new definition, or null for a delete.</param>
/// <param name="Version">Increases with every change of the rule set (the store's sequence number), so receivers can tell a stale change from a new one.</param>
public sealed record RuleChange(string Name, AlertRule? Rule, long Version);

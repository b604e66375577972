namespace Flinq.Monitor.Rules;

/// <summary>The outcome of a change requested from the <see cref="RuleStore"/>.</summary>
public enum RuleWriteStatus
{
    /// <summary>A new rule was stored (HTTP 201).</summary>
    Created,

    /// <summary>An existing rule was changed (HTTP 200).</summary>
    Updated,

    /// <summary>The rule was already exactly so; no new version (HTTP 200).</summary>
    Unchanged,

    /// <summary>The rule was deleted (HTTP 204).</summary>
    Deleted,

    /// <summary>No rule has that name (HTTP 404).</summary>
    NotFound,

    /// <summary>The change is not allowed, e.g. the rule comes from a file (HTTP 409); see the reason.</summary>
    Conflict,
}

namespace Flinq.Monitor.Rules;

/// <summary>Where a stored rule comes from.</summary>
public enum RuleSource
{
    /// <summary>A rule file (the data directory's <c>rules/</c> folder or a configured path); read-only through the API.</summary>
    File,

    /// <summary>Created through the REST API and persisted in the data directory.</summary>
    Api,
}

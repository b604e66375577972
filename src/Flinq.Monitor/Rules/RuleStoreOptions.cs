namespace Flinq.Monitor.Rules;

/// <summary>Where a <see cref="RuleStore"/> keeps and finds rules.</summary>
public sealed class RuleStoreOptions
{
    /// <summary>
    /// The server's data directory. Rule files are read from its <c>rules/</c> folder (<c>*.yaml</c>, <c>*.yml</c>,
    /// <c>*.json</c>); API-made rules, versions and deletions are persisted in <c>rules-state.json</c> next to it.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>More rule files, read as well; the file name part may hold <c>*</c> and <c>?</c> (<c>/etc/flinq/rules/*.yaml</c>). A named file that does not exist is an error; a pattern may match nothing.</summary>
    public IReadOnlyList<string> RuleFiles { get; init; } = [];
}

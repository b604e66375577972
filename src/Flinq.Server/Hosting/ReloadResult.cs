namespace Flinq.Server;

/// <summary>What a configuration reload (<see cref="FlinqServer.Reload"/>, <c>POST /-/reload</c>, SIGHUP) did.</summary>
/// <param name="Errors">One line per file that failed, with its reason; the running configuration of that kind was kept.</param>
/// <param name="Changes">One line per configuration reloaded (or found unchanged).</param>
public sealed record ReloadResult(IReadOnlyList<string> Errors, IReadOnlyList<string> Changes)
{
    /// <summary>Whether every file reloaded.</summary>
    public bool Succeeded => Errors.Count == 0;
}

using Flinq.Monitor.Alerting;

namespace Flinq.Monitor.Notify;

/// <summary>An alert as the Alertmanager API shows it: the alert, where it routes and whether it is suppressed.</summary>
/// <param name="Alert">The stored alert (after merging re-sends).</param>
/// <param name="Receivers">The receivers of the routes it matches, in routing order.</param>
/// <param name="SilencedBy">Ids of active silences matching it.</param>
/// <param name="InhibitedBy">Fingerprints (16 hex digits) of alerts inhibiting it.</param>
public sealed record PipelineAlert(Alert Alert, IReadOnlyList<string> Receivers, IReadOnlyList<string> SilencedBy, IReadOnlyList<string> InhibitedBy)
{
    /// <summary><c>suppressed</c> when silenced or inhibited, else <c>active</c>.</summary>
    public string State => SilencedBy.Count > 0 || InhibitedBy.Count > 0 ? "suppressed" : "active";
}

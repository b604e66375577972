using System.Collections.Concurrent;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Server.Alerting;

/// <summary>One pending or firing rule alert as <c>GET /api/v1/alerts</c> shows it.</summary>
internal sealed record AlertViewEntry(ulong Fingerprint, string Rule, Labels Labels, Labels Annotations, AlertState State, Timestamp ActiveAt, Timestamp FiredAt, double Value);

/// <summary>
/// The current pending and firing alerts of the rule jobs, in memory, for the API: updated by the history sink with
/// every state change as it happens (before its checkpoint commits), and loaded from the history table at start so a
/// restarted server shows the alerts its restored state holds. Thread-safe.
/// </summary>
internal sealed class AlertStateView
{
    private readonly ConcurrentDictionary<ulong, AlertViewEntry> _alerts = new();

    public int Count => _alerts.Count;

    public void Apply(AlertStateChange change)
    {
        if (change.To is AlertState.Pending or AlertState.Firing)
        {
            _alerts[change.Fingerprint] = new AlertViewEntry(change.Fingerprint, change.Rule, change.Labels, change.Annotations, change.To, change.ActiveAt, change.FiredAt, change.Value);
        }
        else
        {
            _alerts.TryRemove(change.Fingerprint, out _);
        }
    }

    /// <summary>The alerts, optionally only those in <paramref name="state"/> and of <paramref name="rule"/>, ordered by rule then labels.</summary>
    public List<AlertViewEntry> Snapshot(AlertState? state = null, string? rule = null) =>
        _alerts.Values
            .Where(a => (state is null || a.State == state) && (rule is null || string.Equals(a.Rule, rule, StringComparison.Ordinal)))
            .OrderBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.Labels.ToString(), StringComparer.Ordinal)
            .ToList();
}

using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify.Dispatch;
using Flinq.Time;

namespace Flinq.Monitor.Notify;

/// <summary>What the Alertmanager API reads: alerts with their status, groups, recent deliveries.</summary>
public sealed partial class NotificationPipeline
{
    /// <summary>The alerts that are not resolved at <paramref name="now"/>, with receivers and suppression status, ordered by fingerprint.</summary>
    public IReadOnlyList<PipelineAlert> GetAlerts(Timestamp now)
    {
        List<Alert> alerts;
        lock (_lock)
        {
            alerts = [.. _alerts.Values.Select(e => e.Alert).Where(a => !a.IsResolvedAt(now)).OrderBy(a => a.Fingerprint)];
        }

        return [.. alerts.Select(a => Describe(a, now))];
    }

    /// <summary>The aggregation groups with their unresolved alerts, ordered by receiver and group key.</summary>
    public IReadOnlyList<PipelineGroup> GetGroups(Timestamp now)
    {
        List<(AggregationGroup Group, List<Alert> Alerts)> groups;
        lock (_lock)
        {
            groups = [.. _groups.Values.Select(g => (g, g.Alerts.Values.Where(a => !a.IsResolvedAt(now)).OrderBy(a => a.Fingerprint).ToList()))];
        }

        return [.. groups
            .Where(g => g.Alerts.Count > 0)
            .OrderBy(g => g.Group.Route.Receiver, StringComparer.Ordinal).ThenBy(g => g.Group.Key, StringComparer.Ordinal)
            .Select(g => new PipelineGroup(g.Group.Labels, g.Group.Route.Receiver, g.Group.Key, [.. g.Alerts.Select(a => Describe(a, now))]))];
    }

    /// <summary>The most recent deliveries (each after its retries), newest first.</summary>
    public IReadOnlyList<DeliveryRecord> RecentDeliveries()
    {
        lock (_deliveries)
        {
            return [.. _deliveries.Reverse()];
        }
    }

    private PipelineAlert Describe(Alert alert, Timestamp now)
    {
        IReadOnlyList<string> silencedBy = [];
        _options.Silences?.IsSilenced(alert.Labels, now, out silencedBy);
        ulong? inhibitor;
        lock (_lock)
        {
            inhibitor = _inhibitor.HasRules ? _inhibitor.InhibitedBy(alert.Labels, _alerts.Values.Select(e => e.Alert), now) : null;
        }

        return new PipelineAlert(
            alert,
            Receivers(alert.Labels),
            silencedBy ?? [],
            inhibitor is { } fp ? [Alert.FormatFingerprint(fp)] : []);
    }
}

using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// The alerts of a <see cref="Notification"/> as one integration sends them, the way Alertmanager's
/// notifiers see them: resolved alerts dropped when <c>send_resolved</c> is false, the list cut to
/// <c>max_alerts</c>, and status and common labels/annotations recomputed over what is left.
/// </summary>
internal sealed class AlertGroupView
{
    private AlertGroupView(Notification notification, IReadOnlyList<Alert> alerts, int truncated, Labels commonLabels, Labels commonAnnotations)
    {
        Notification = notification;
        Alerts = alerts;
        Truncated = truncated;
        CommonLabels = commonLabels;
        CommonAnnotations = commonAnnotations;
        for (int i = 0; i < alerts.Count; i++)
        {
            if (IsFiring(alerts[i]))
            {
                FiringCount++;
            }
        }
    }

    public Notification Notification { get; }

    public IReadOnlyList<Alert> Alerts { get; }

    /// <summary>Alerts left out: the notification's own count plus this integration's <c>max_alerts</c> cut.</summary>
    public int Truncated { get; }

    public int FiringCount { get; }

    public int ResolvedCount => Alerts.Count - FiringCount;

    public string Status => FiringCount > 0 ? "firing" : "resolved";

    public Labels GroupLabels => Notification.GroupLabels;

    public Labels CommonLabels { get; }

    public Labels CommonAnnotations { get; }

    public bool IsFiring(Alert alert) => !alert.IsResolvedAt(Notification.Time);

    /// <summary>The view, or null when nothing is left to send (only resolved alerts and send_resolved false).</summary>
    public static AlertGroupView? Create(Notification notification, bool sendResolved, int maxAlerts)
    {
        ArgumentNullException.ThrowIfNull(notification);
        IReadOnlyList<Alert> alerts = notification.Alerts;
        bool changed = false;
        if (!sendResolved)
        {
            var firing = new List<Alert>(alerts.Count);
            foreach (var alert in alerts)
            {
                if (!alert.IsResolvedAt(notification.Time))
                {
                    firing.Add(alert);
                }
            }

            changed = firing.Count != alerts.Count;
            alerts = firing;
        }

        if (alerts.Count == 0)
        {
            return null;
        }

        int truncated = notification.TruncatedAlerts;
        if (maxAlerts > 0 && alerts.Count > maxAlerts)
        {
            truncated += alerts.Count - maxAlerts;
            alerts = alerts.Take(maxAlerts).ToArray();
            changed = true;
        }

        return changed
            ? new AlertGroupView(notification, alerts, truncated, Common(alerts, static a => a.Labels), Common(alerts, static a => a.Annotations))
            : new AlertGroupView(notification, alerts, truncated, notification.CommonLabels, notification.CommonAnnotations);
    }

    /// <summary>The pairs every alert has with the same value (Alertmanager's CommonLabels/CommonAnnotations).</summary>
    private static Labels Common(IReadOnlyList<Alert> alerts, Func<Alert, Labels> select)
    {
        var builder = new LabelsBuilder();
        foreach (var label in select(alerts[0]))
        {
            bool all = true;
            for (int i = 1; i < alerts.Count && all; i++)
            {
                all = select(alerts[i]).Get(label.Name) == label.Value;
            }

            if (all)
            {
                builder.Add(label.Name, label.Value);
            }
        }

        return builder.Build();
    }
}

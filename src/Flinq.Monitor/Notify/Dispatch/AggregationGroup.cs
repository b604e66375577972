using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify.Routing;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify.Dispatch;

/// <summary>
/// The alerts of one route that share the route's group labels (Alertmanager's <c>aggrGroup</c>). Its timer fires
/// first after group_wait, then every group_interval; each tick flushes the group. Guarded by the pipeline's lock,
/// except <see cref="FlushGate"/>, which keeps two flushes of the group from overlapping.
/// </summary>
internal sealed class AggregationGroup
{
    public AggregationGroup(Route route, Labels labels)
    {
        Route = route;
        Labels = labels;
        Key = route.Key + ":" + FormatLabelSet(labels);
    }

    public Route Route { get; }

    public Labels Labels { get; }

    /// <summary>Alertmanager's group key: the route's key and the group labels, e.g. <c>{}/{team="db"}:{alertname="X"}</c>.</summary>
    public string Key { get; }

    /// <summary>The group's alerts by fingerprint.</summary>
    public Dictionary<ulong, Alert> Alerts { get; } = [];

    public ITimer? Timer { get; set; }

    /// <summary>Whether the group has been flushed once (after that, new alerts wait for the next group_interval tick).</summary>
    public bool HasFlushed { get; set; }

    /// <summary>
    /// Rebuilt from the alert journal at start: its first flush comes group_wait after the start (not at once, although
    /// its alerts started long ago), so the raisers' re-sends and new alerts of the group join it, as in a new group.
    /// </summary>
    public bool Restored { get; init; }

    /// <summary>Set once the group is removed; a late timer tick then does nothing.</summary>
    public bool Removed { get; set; }

    public SemaphoreSlim FlushGate { get; } = new(1, 1);

    /// <summary>As Go's <c>model.LabelSet.String()</c>: <c>{a="1", b="2"}</c>.</summary>
    public static string FormatLabelSet(Labels labels)
    {
        var parts = new string[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            parts[i] = labels[i].ToString();
        }

        return "{" + string.Join(", ", parts) + "}";
    }
}

using Flinq.Time;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify;

/// <summary>
/// What one flush of one alert group sends to one receiver: the data of Alertmanager's webhook payload (version 4)
/// and of its notification templates.
/// </summary>
public sealed record Notification
{
    /// <summary>The receiver's name.</summary>
    public required string Receiver { get; init; }

    /// <summary>The group's key: the route's path plus the group labels, stable across restarts.</summary>
    public required string GroupKey { get; init; }

    /// <summary><c>firing</c> when at least one alert is firing, else <c>resolved</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The alerts of the group (firing and resolved), each with its own state at <see cref="Time"/>.</summary>
    public required IReadOnlyList<Alert> Alerts { get; init; }

    /// <summary>The labels the route groups by, with the group's values.</summary>
    public Labels GroupLabels { get; init; } = Labels.Empty;

    /// <summary>The labels all alerts share.</summary>
    public Labels CommonLabels { get; init; } = Labels.Empty;

    /// <summary>The annotations all alerts share.</summary>
    public Labels CommonAnnotations { get; init; } = Labels.Empty;

    /// <summary>How many alerts were left out by a receiver's <c>max_alerts</c> (webhook <c>truncatedAlerts</c>).</summary>
    public int TruncatedAlerts { get; init; }

    /// <summary>The server's external URL (links in messages), e.g. <c>http://127.0.0.1:7700</c>.</summary>
    public string ExternalUrl { get; init; } = string.Empty;

    /// <summary>The flush time; an alert is resolved in this notification when its EndsAt is at or before it.</summary>
    public required Timestamp Time { get; init; }
}

using Flinq.Time;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// One alert as Alertmanager receives it: the contract between whatever raises alerts (Flinq's rule jobs, or a
/// Prometheus or vmalert posting to <c>/api/v2/alerts</c>) and the notification pipeline (routing, grouping,
/// inhibition, silences, receivers).
/// </summary>
/// <remarks>
/// <para>Identity is <see cref="Labels"/>: <see cref="Fingerprint"/> is its stable 64-bit hash
/// (<see cref="Labels.Fingerprint"/>), printed as 16 lowercase hex digits where Alertmanager prints one.
/// A rule job puts <c>alertname</c> (the rule name), the rule's labels and the group labels of the series into
/// <see cref="Labels"/>.</para>
/// <para>State follows Alertmanager: an alert is firing at time <c>t</c> while <see cref="EndsAt"/> is
/// <see cref="Timestamp.None"/> or later than <c>t</c>, and resolved once <c>t</c> passes <see cref="EndsAt"/>.
/// A raiser re-sends firing alerts periodically with <see cref="EndsAt"/> a few evaluation intervals ahead (as
/// Prometheus does) or without one; it sends a resolved alert with <see cref="EndsAt"/> set to the time it
/// resolved.</para>
/// <para>Immutable; annotations are text rendered by the raiser (templates already expanded).</para>
/// </remarks>
public sealed record Alert
{
    /// <summary>The identifying labels, including <c>alertname</c>.</summary>
    public required Labels Labels { get; init; }

    /// <summary>Descriptive text (summary, description, runbook_url, ...), not part of the identity.</summary>
    public Labels Annotations { get; init; } = Labels.Empty;

    /// <summary>When the alert started firing (for a rule: when it left pending).</summary>
    public required Timestamp StartsAt { get; init; }

    /// <summary>When it resolved or is presumed to resolve unless re-sent; <see cref="Timestamp.None"/> when unknown.</summary>
    public Timestamp EndsAt { get; init; } = Timestamp.None;

    /// <summary>When the raiser last sent or changed it.</summary>
    public Timestamp UpdatedAt { get; init; } = Timestamp.None;

    /// <summary>A link back to what raised it (a rule page or a query); may be empty.</summary>
    public string GeneratorUrl { get; init; } = string.Empty;

    /// <summary>The stable hash of <see cref="Labels"/>.</summary>
    public ulong Fingerprint => Labels.Fingerprint;

    /// <summary>The value of the <c>alertname</c> label, or empty.</summary>
    public string Name => Labels.Get("alertname") ?? string.Empty;

    /// <summary>Whether the alert is resolved at <paramref name="now"/> (its <see cref="EndsAt"/> is set and not after it).</summary>
    public bool IsResolvedAt(Timestamp now) => EndsAt.HasValue && EndsAt <= now;

    /// <summary>The fingerprint as Alertmanager prints one: 16 lowercase hex digits.</summary>
    public static string FormatFingerprint(ulong fingerprint) => fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}

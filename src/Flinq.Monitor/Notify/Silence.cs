using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify;

/// <summary>
/// A silence as Alertmanager's API models it: matchers that must all match an alert's labels, a validity range,
/// who created it and why. Immutable; a store assigns <see cref="Id"/> and <see cref="UpdatedAt"/>.
/// </summary>
public sealed record Silence
{
    /// <summary>The id (a UUID in Alertmanager); empty for a silence not stored yet.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>At least one matcher; all must match.</summary>
    public required IReadOnlyList<LabelMatcher> Matchers { get; init; }

    /// <summary>When it takes effect.</summary>
    public required Timestamp StartsAt { get; init; }

    /// <summary>When it ends (exclusive); expiring a silence sets this to the expiry time.</summary>
    public required Timestamp EndsAt { get; init; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; init; } = string.Empty;

    /// <summary>Why.</summary>
    public string Comment { get; init; } = string.Empty;

    /// <summary>When it was last created, changed or expired.</summary>
    public Timestamp UpdatedAt { get; init; } = Timestamp.None;

    /// <summary>The state at <paramref name="now"/>: pending before <see cref="StartsAt"/>, expired from <see cref="EndsAt"/> on, else active.</summary>
    public SilenceState StateAt(Timestamp now) =>
        now < StartsAt ? SilenceState.Pending : now >= EndsAt ? SilenceState.Expired : SilenceState.Active;
}

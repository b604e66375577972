using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Silences;

/// <summary>
/// A silence, as Alertmanager keeps one: label matchers that mute every alert they all match while the silence is
/// <see cref="SilenceState.Active"/>.
/// </summary>
/// <remarks>Immutable. <see cref="SilenceStore.Set"/> assigns <see cref="Id"/> and <see cref="UpdatedAt"/>.</remarks>
public sealed record Silence
{
    /// <summary>A UUID assigned by the store; empty for a silence not yet stored.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>
    /// What it mutes: every matcher must match an alert's labels (a missing label matches as the empty string).
    /// Alertmanager's API form <c>{name, value, isRegex, isEqual}</c> converts with <see cref="SilenceMatchers"/>.
    /// </summary>
    public required IReadOnlyList<LabelMatcher> Matchers { get; init; }

    /// <summary>When it starts muting.</summary>
    public required Timestamp StartsAt { get; init; }

    /// <summary>When it stops muting (it is active at this instant, expired after it).</summary>
    public required Timestamp EndsAt { get; init; }

    /// <summary>When the store last changed it.</summary>
    public Timestamp UpdatedAt { get; init; } = Timestamp.None;

    /// <summary>Who created it (free text, e.g. a user name).</summary>
    public string CreatedBy { get; init; } = string.Empty;

    /// <summary>Why (free text).</summary>
    public string Comment { get; init; } = string.Empty;

    /// <summary>Alertmanager's state: pending before <see cref="StartsAt"/>, expired after <see cref="EndsAt"/>, else active.</summary>
    public SilenceState StateAt(Timestamp now) =>
        now < StartsAt ? SilenceState.Pending : now > EndsAt ? SilenceState.Expired : SilenceState.Active;

    /// <summary>Whether all <see cref="Matchers"/> match <paramref name="labels"/> (whatever the state).</summary>
    public bool Matches(Labels labels) => Matchers.Count > 0 && LabelMatcher.MatchesAll(Matchers, labels);
}

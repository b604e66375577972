namespace Flinq.Monitor.Notify.Silences;

/// <summary>A silence's state at a point in time, as Alertmanager defines it.</summary>
public enum SilenceState
{
    /// <summary>The time is before <see cref="Silence.StartsAt"/>.</summary>
    Pending,

    /// <summary>Between <see cref="Silence.StartsAt"/> and <see cref="Silence.EndsAt"/>, both included: it mutes matching alerts.</summary>
    Active,

    /// <summary>The time is after <see cref="Silence.EndsAt"/>.</summary>
    Expired,
}

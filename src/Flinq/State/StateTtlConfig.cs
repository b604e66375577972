namespace Flinq.State;

/// <summary>
/// Time-to-live of keyed state (Flink's <c>StateTtlConfig</c>): an entry (a value; each element of a list
/// state; each entry of a map state) expires <see cref="TimeToLive"/> after it was last written — or last
/// read too, with <see cref="TtlUpdateType.OnReadAndWrite"/> — on the job's processing-time clock
/// (<see cref="StreamExecutionOptions.TimeProvider"/>). Enable it with
/// <see cref="StateDescriptor.EnableTimeToLive"/> before the state is first used.
/// </summary>
/// <remarks>
/// Expired entries are removed when they are accessed, by an incremental cleanup that checks
/// <see cref="IncrementalCleanupSize"/> entries of the state at every access of it (Flink's
/// <c>cleanupIncrementally</c>), and by a full sweep when state is snapshotted. Each entry carries its last
/// write time (8 bytes) while TTL is enabled.
/// </remarks>
public sealed class StateTtlConfig
{
    /// <summary>Creates a configuration with the given time-to-live.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is not positive.</exception>
    public StateTtlConfig(TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        TimeToLive = timeToLive;
    }

    /// <summary>How long an entry lives after its last update.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>Which accesses refresh an entry's time. Default <see cref="TtlUpdateType.OnCreateAndWrite"/>.</summary>
    public TtlUpdateType UpdateType { get; init; } = TtlUpdateType.OnCreateAndWrite;

    /// <summary>Whether an expired entry not yet removed may be read. Default <see cref="TtlStateVisibility.NeverReturnExpired"/>.</summary>
    public TtlStateVisibility Visibility { get; init; } = TtlStateVisibility.NeverReturnExpired;

    private readonly int _incrementalCleanupSize = 5;

    /// <summary>
    /// How many entries of the state the incremental cleanup checks at each access of the state; 0 turns it
    /// off (expired entries are then removed only when accessed or swept). Default 5, as in Flink.
    /// </summary>
    public int IncrementalCleanupSize
    {
        get => _incrementalCleanupSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _incrementalCleanupSize = value;
        }
    }
}

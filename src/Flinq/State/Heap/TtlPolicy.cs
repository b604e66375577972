namespace Flinq.State.Heap;

/// <summary>
/// A <see cref="StateTtlConfig"/> bound to the job's clock. An entry written at <c>t</c> expires when
/// <c>t + ttl &lt;= now</c> (as Flink's <c>TtlUtils.expired</c>).
/// </summary>
internal sealed class TtlPolicy
{
    private readonly TimeProvider _clock;
    private readonly long _ttlMs;

    public TtlPolicy(StateTtlConfig config, TimeProvider clock)
    {
        _clock = clock;
        _ttlMs = Math.Max(1, (long)config.TimeToLive.TotalMilliseconds);
        UpdateOnRead = config.UpdateType == TtlUpdateType.OnReadAndWrite;
        ReturnExpired = config.Visibility == TtlStateVisibility.ReturnExpiredIfNotCleanedUp;
        CleanupSize = config.IncrementalCleanupSize;
    }

    public bool UpdateOnRead { get; }

    public bool ReturnExpired { get; }

    public int CleanupSize { get; }

    public long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    public bool IsExpired(long timestamp, long now) => timestamp <= now - _ttlMs;

    /// <summary>Whether a read may return the entry: unexpired, or expired but visible until cleaned up.</summary>
    public bool IsReadable(long timestamp, long now) => ReturnExpired || !IsExpired(timestamp, now);
}

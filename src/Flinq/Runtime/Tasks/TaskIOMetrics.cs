using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Flinq.Runtime.Tasks;

/// <summary>
/// The counters of one task (one parallel instance of a chain): records in and out, the output watermark, and
/// where its time went — blocked on a full output channel (backpressure), waiting for input (idle), or working.
/// Flink's <c>TaskIOMetricGroup</c>.
/// </summary>
/// <remarks>
/// <para><b>Single writer, racy readers.</b> Only the task's own thread writes these fields, with plain
/// (non-atomic, non-volatile) stores, so counting costs the hot path one add per batch — no interlocked
/// instruction, no fence. <see cref="Flinq.JobClient.GetMetrics"/> reads them from another thread with
/// <see cref="Volatile.Read(ref long)"/>. Each field is a 64-bit <c>long</c>, aligned by the runtime, and aligned
/// 64-bit loads and stores are atomic on 64-bit processes (x64 and Arm64, the only targets Flinq runs on), so a
/// reader never sees a torn value — only a slightly stale one, and fields read one after another may come from
/// moments a few instructions apart (records in from before a batch, records out from after it). Counters only
/// grow, so a reader that derives rates from two snapshots sees a non-negative difference.</para>
/// <para>Times are <see cref="Stopwatch"/> ticks. A wait in progress is kept as its start
/// (<c>*Since</c>, zero when not waiting), so a snapshot counts a task blocked right now as blocked, not
/// only after the wait ends.</para>
/// </remarks>
internal sealed class TaskIOMetrics
{
    private long _recordsIn;
    private long _recordsOut;
    private long _outputWatermark = long.MinValue;
    private long _startTicks;
    private long _endTicks;
    private long _backPressuredTicks;
    private long _backPressuredSince;
    private long _idleTicks;
    private long _idleSince;

    /// <summary>Counts records delivered to the head of the chain (from an exchange, per batch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddRecordsIn(int count) => _recordsIn += count;

    /// <summary>Counts records that left the chain through an exchange (per batch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddRecordsOut(int count) => _recordsOut += count;

    /// <summary>Records the watermark the chain's tail just emitted (per watermark, not per record).</summary>
    public void SetOutputWatermark(long watermark) => _outputWatermark = watermark;

    public long RecordsIn => Volatile.Read(ref _recordsIn);

    public long RecordsOut => Volatile.Read(ref _recordsOut);

    public long OutputWatermark => Volatile.Read(ref _outputWatermark);

    public void Started() => _startTicks = Stopwatch.GetTimestamp();

    public void Ended() => _endTicks = Stopwatch.GetTimestamp();

    /// <summary>The task thread is about to block on a full channel.</summary>
    public void BeginBackPressure() => _backPressuredSince = Stopwatch.GetTimestamp();

    public void EndBackPressure()
    {
        _backPressuredTicks += Stopwatch.GetTimestamp() - _backPressuredSince;
        _backPressuredSince = 0;
    }

    /// <summary>The task thread is about to sleep until input, mail or a source has work.</summary>
    public void BeginIdle() => _idleSince = Stopwatch.GetTimestamp();

    public void EndIdle()
    {
        _idleTicks += Stopwatch.GetTimestamp() - _idleSince;
        _idleSince = 0;
    }

    /// <summary>
    /// Reads the times as of <paramref name="now"/> (Stopwatch ticks): how long the task has run, and how much
    /// of that it was back-pressured and idle, counting a wait in progress up to now.
    /// </summary>
    public (long Uptime, long BackPressured, long Idle) ReadTimes(long now)
    {
        long start = Volatile.Read(ref _startTicks);
        if (start == 0)
        {
            return (0, 0, 0); // not started yet
        }

        long end = Volatile.Read(ref _endTicks);
        long until = end != 0 ? end : now;
        long uptime = Math.Max(0, until - start);
        long backPressured = Volatile.Read(ref _backPressuredTicks) + Ongoing(Volatile.Read(ref _backPressuredSince), until);
        long idle = Volatile.Read(ref _idleTicks) + Ongoing(Volatile.Read(ref _idleSince), until);

        // A read that races with the end of a wait can count it twice (the sum already holds it, the start is
        // not yet cleared): clamp, so busy time never goes negative.
        backPressured = Math.Min(backPressured, uptime);
        idle = Math.Min(idle, uptime - backPressured);
        return (uptime, backPressured, idle);
    }

    private static long Ongoing(long since, long until) => since == 0 ? 0 : Math.Max(0, until - since);
}

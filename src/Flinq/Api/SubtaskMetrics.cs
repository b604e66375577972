using Flinq.Time;

namespace Flinq;

/// <summary>
/// The metrics of one parallel instance of a task (Flink's task I/O metrics). Counters and times are cumulative
/// since the instance started; <see cref="BackPressuredRatioSince"/> and its siblings turn two snapshots into
/// Flink's <c>backPressuredTimeMsPerSecond</c>, <c>busyTimeMsPerSecond</c> and <c>idleTimeMsPerSecond</c> (as
/// fractions of one).
/// </summary>
/// <param name="Subtask">The instance's index, from 0.</param>
/// <param name="RecordsIn">Records the instance received: from its input exchanges, or, for a source task, the
/// records its source emitted. Records passed between operators of the chain are not counted again.</param>
/// <param name="RecordsOut">Records that left the instance: sent to downstream tasks (once per record and output
/// edge, also for a broadcast) plus records handed to sinks in the chain.</param>
/// <param name="InputWatermark">The watermark the chain's head has received (the minimum over its inputs); null
/// before there is one, and for source tasks.</param>
/// <param name="OutputWatermark">The last watermark the chain emitted to downstream tasks or its sinks; null
/// before the first. <see cref="Watermark.MaxValue"/> after a bounded input ended.</param>
/// <param name="Uptime">How long the instance has run (until now, or until it ended).</param>
/// <param name="BackPressuredTime">Of <paramref name="Uptime"/>, the time blocked on a full output channel.</param>
/// <param name="IdleTime">Of <paramref name="Uptime"/>, the time waiting for input (or for its source to have data).</param>
public sealed record SubtaskMetrics(
    int Subtask,
    long RecordsIn,
    long RecordsOut,
    Watermark? InputWatermark,
    Watermark? OutputWatermark,
    TimeSpan Uptime,
    TimeSpan BackPressuredTime,
    TimeSpan IdleTime)
{
    /// <summary>Of <see cref="Uptime"/>, the time spent working: neither back-pressured nor idle.</summary>
    public TimeSpan BusyTime => Uptime - BackPressuredTime - IdleTime;

    /// <summary>
    /// The fraction (0 to 1) of the time since <paramref name="earlier"/> that the instance was blocked on a full
    /// output channel. With no earlier snapshot — or one from before a restart — the fraction since the start.
    /// </summary>
    public double BackPressuredRatioSince(SubtaskMetrics? earlier) => RatioSince(earlier, static m => m.BackPressuredTime);

    /// <summary>The fraction (0 to 1) of the time since <paramref name="earlier"/> spent working; see <see cref="BackPressuredRatioSince"/>.</summary>
    public double BusyRatioSince(SubtaskMetrics? earlier) => RatioSince(earlier, static m => m.BusyTime);

    /// <summary>The fraction (0 to 1) of the time since <paramref name="earlier"/> spent waiting for input; see <see cref="BackPressuredRatioSince"/>.</summary>
    public double IdleRatioSince(SubtaskMetrics? earlier) => RatioSince(earlier, static m => m.IdleTime);

    private double RatioSince(SubtaskMetrics? earlier, Func<SubtaskMetrics, TimeSpan> part)
    {
        if (earlier is not null && earlier.Uptime > Uptime)
        {
            earlier = null; // an earlier attempt: this instance started over
        }

        var elapsed = Uptime - (earlier?.Uptime ?? TimeSpan.Zero);
        if (elapsed <= TimeSpan.Zero)
        {
            return 0;
        }

        var spent = part(this) - (earlier is null ? TimeSpan.Zero : part(earlier));
        return Math.Clamp(spent / elapsed, 0, 1);
    }
}

namespace Flinq.Checkpointing;

/// <summary>
/// Decides whether and when a failed job restarts from its latest checkpoint (Flink's restart strategies).
/// Create with <see cref="None"/>, <see cref="FixedDelay"/> or <see cref="FailureRate"/>.
/// </summary>
public abstract class RestartStrategy
{
    /// <summary>Never restart: the first failure fails the job.</summary>
    public static RestartStrategy None { get; } = new NoRestart();

    /// <summary>Restart up to <paramref name="attempts"/> times, waiting <paramref name="delay"/> before each.</summary>
    public static RestartStrategy FixedDelay(int attempts, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempts);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new FixedDelayRestart(attempts, delay);
    }

    /// <summary>
    /// Restart after <paramref name="delay"/> unless more than <paramref name="maxFailures"/> failures happened
    /// within the last <paramref name="interval"/>.
    /// </summary>
    public static RestartStrategy FailureRate(int maxFailures, TimeSpan interval, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new FailureRateRestart(maxFailures, interval, delay);
    }

    /// <summary>Creates the tracker of one job run (restart strategies keep per-run counters).</summary>
    internal abstract IRestartTracker CreateTracker(TimeProvider timeProvider);

    private sealed class NoRestart : RestartStrategy
    {
        internal override IRestartTracker CreateTracker(TimeProvider timeProvider) => new Tracker(_ => null);

        public override string ToString() => "no restart";
    }

    private sealed class FixedDelayRestart(int attempts, TimeSpan delay) : RestartStrategy
    {
        internal override IRestartTracker CreateTracker(TimeProvider timeProvider)
        {
            int used = 0;
            return new Tracker(_ => ++used <= attempts ? delay : null);
        }

        public override string ToString() => $"fixed delay ({attempts} attempts, {delay})";
    }

    private sealed class FailureRateRestart(int maxFailures, TimeSpan interval, TimeSpan delay) : RestartStrategy
    {
        internal override IRestartTracker CreateTracker(TimeProvider timeProvider)
        {
            var failures = new Queue<DateTimeOffset>();
            return new Tracker(now =>
            {
                failures.Enqueue(now);
                while (failures.Count > 0 && now - failures.Peek() > interval)
                {
                    failures.Dequeue();
                }

                return failures.Count <= maxFailures ? delay : null;
            }, timeProvider);
        }

        public override string ToString() => $"failure rate ({maxFailures} per {interval}, delay {delay})";
    }

    private sealed class Tracker(Func<DateTimeOffset, TimeSpan?> next, TimeProvider? timeProvider = null) : IRestartTracker
    {
        public TimeSpan? OnFailure() => next((timeProvider ?? TimeProvider.System).GetUtcNow());
    }
}

/// <summary>The restart decisions of one job run.</summary>
internal interface IRestartTracker
{
    /// <summary>Records a failure; returns the delay before restarting, or null to fail the job.</summary>
    TimeSpan? OnFailure();
}

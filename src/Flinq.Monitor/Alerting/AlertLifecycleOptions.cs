namespace Flinq.Monitor.Alerting;

/// <summary>Settings of <see cref="AlertLifecycle"/>.</summary>
public sealed class AlertLifecycleOptions
{
    /// <summary>
    /// How often a firing alert is sent again (Prometheus' <c>--rules.alert.resend-delay</c>), measured between
    /// evaluation times: an evaluation at least this long after the last send re-sends the alert. Default 1 minute.
    /// </summary>
    public TimeSpan ResendDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A firing alert is sent with <c>EndsAt = t + EndsAtFactor × max(ResendDelay, evaluation interval)</c>, so
    /// Alertmanager resolves it by itself if the sends stop (Prometheus uses 4). Default 4.
    /// </summary>
    public int EndsAtFactor { get; set; } = 4;
}

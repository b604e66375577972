using Flinq.Connectors;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Time;

namespace Flinq.Server.Alerting;

/// <summary>
/// Hands the rule job's alerts to the notification pipeline, as Prometheus hands its alerts to Alertmanager. Each
/// alert is posted at once (alerts are few: one per group per resend interval, and sinks are not flushed when idle).
/// The pipeline's queue is in memory and its notification log is persisted, so after a restart the lifecycle's
/// resends (firing alerts re-sent every minute) refill it and nothing already notified is notified again.
/// </summary>
internal sealed class AlertNotificationSink(NotificationPipeline pipeline) : Sink<Alert>
{
    public override SinkWriter<Alert> CreateWriter(SinkContext context) => new Writer(pipeline);

    private sealed class Writer(NotificationPipeline pipeline) : SinkWriter<Alert>
    {
        public override void Write(Alert value, Timestamp timestamp) => pipeline.Post([value]);
    }
}

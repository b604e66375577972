using Flinq.Connectors;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Time;

namespace Flinq.Server.Alerting;

/// <summary>
/// Hands the rule job's alerts to the notification pipeline, as Prometheus hands its alerts to Alertmanager. Each
/// alert is posted at once (alerts are few: one per group per resend interval, and sinks are not flushed when idle).
/// Posting does not wait for a checkpoint (notifications would lag by up to an interval); what a crash between the post
/// and the next checkpoint can do is covered by the pipeline's notification log and alert journal (see the README,
/// "Notifications across restarts and crashes").
/// </summary>
internal sealed class AlertNotificationSink(NotificationPipeline pipeline) : Sink<Alert>
{
    public override SinkWriter<Alert> CreateWriter(SinkContext context) => new Writer(pipeline);

    private sealed class Writer(NotificationPipeline pipeline) : SinkWriter<Alert>
    {
        public override void Write(Alert value, Timestamp timestamp) => pipeline.Post([value]);
    }
}

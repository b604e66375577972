namespace Flinq.Monitor.Notify;

/// <summary>
/// One configured integration of a receiver (a webhook URL, a DingTalk robot, a Slack incoming webhook, an SMTP
/// destination...), able to deliver a <see cref="Notification"/>. Alertmanager calls these "integrations"; a
/// receiver is a name plus a list of them.
/// </summary>
/// <remarks>
/// Implementations are thread-safe and make one delivery attempt per call: retries with backoff are the
/// notification pipeline's job, driven by <see cref="NotifyResult.Retryable"/>. They never throw for a failed
/// delivery (only for cancellation): the failure is the returned result.
/// </remarks>
public interface INotifier
{
    /// <summary>The integration kind as configured, e.g. <c>webhook</c>, <c>dingtalk</c>, <c>slack</c>, <c>email</c>.</summary>
    string Integration { get; }

    /// <summary>
    /// Whether resolved alerts are delivered (Alertmanager's <c>send_resolved</c>). The notification log uses it to
    /// decide whether a group whose alerts only resolved needs a flush; an implementation with it false leaves
    /// resolved alerts out of what it sends anyway. Default true.
    /// </summary>
    bool SendResolved => true;

    /// <summary>Delivers once.</summary>
    Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken);
}

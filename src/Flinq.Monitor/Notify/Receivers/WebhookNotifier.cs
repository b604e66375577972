using Flinq.Monitor.Alerting;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// POSTs Alertmanager's webhook payload, version 4, field for field and in the same JSON encoding as
/// Alertmanager 0.25 (see <see cref="Payload"/>). Any 2xx answer is success.
/// </summary>
internal sealed class WebhookNotifier : INotifier
{
    private readonly WebhookConfig _config;
    private readonly ReceiverOptions _options;

    public WebhookNotifier(WebhookConfig config, ReceiverOptions options)
    {
        _config = config;
        _options = options;
    }

    public string Integration => "webhook";

    public bool SendResolved => _config.SendResolved;

    public async Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var view = AlertGroupView.Create(notification, _config.SendResolved, _config.MaxAlerts);
        if (view is null)
        {
            return NotifyResult.Ok;
        }

        var reply = await NotifierHttp.PostAsync(_config.Url, Payload(view), "application/json", _config.Http.Authorization, _options, cancellationToken).ConfigureAwait(false);
        return NotifierHttp.ClassifyStatus(reply, _config.Url, _options) ?? NotifyResult.Ok;
    }

    /// <summary>
    /// The version 4 payload in Go's field order (the embedded template data first: receiver, status, alerts,
    /// groupLabels, commonLabels, commonAnnotations, externalURL; then version, groupKey, truncatedAlerts). A
    /// firing alert's <c>endsAt</c> is Go's zero time, as Alertmanager hides an end not yet reached. The
    /// fingerprint is Flinq's (<see cref="Alert.Fingerprint"/>), the one Flinq's API shows.
    /// </summary>
    public static byte[] Payload(AlertGroupView view)
    {
        var n = view.Notification;
        var json = new GoJsonWriter().StartObject()
            .String("receiver", n.Receiver)
            .String("status", view.Status)
            .StartArray("alerts");
        foreach (var alert in view.Alerts)
        {
            bool firing = view.IsFiring(alert);
            json.StartObject()
                .String("status", firing ? "firing" : "resolved")
                .Labels("labels", alert.Labels)
                .Labels("annotations", alert.Annotations)
                .Time("startsAt", alert.StartsAt)
                .Time("endsAt", firing ? Flinq.Time.Timestamp.None : alert.EndsAt)
                .String("generatorURL", alert.GeneratorUrl)
                .String("fingerprint", Alert.FormatFingerprint(alert.Fingerprint))
                .EndObject();
        }

        return json.EndArray()
            .Labels("groupLabels", view.GroupLabels)
            .Labels("commonLabels", view.CommonLabels)
            .Labels("commonAnnotations", view.CommonAnnotations)
            .String("externalURL", n.ExternalUrl)
            .String("version", "4")
            .String("groupKey", n.GroupKey)
            .Number("truncatedAlerts", view.Truncated)
            .EndObject()
            .ToUtf8();
    }
}

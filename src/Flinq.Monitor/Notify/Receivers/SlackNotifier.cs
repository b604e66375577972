using System.Text.Json;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Posts to a Slack incoming webhook the message Alertmanager's Slack notifier sends: one attachment with title,
/// title link, text, fallback and colour, <c>mrkdwn_in</c> fallback/pretext/text. Slack answers 200 with the body
/// <c>ok</c> (the Web API's <c>chat.postMessage</c>: JSON <c>{"ok":true}</c>); anything else is a failure.
/// </summary>
internal sealed class SlackNotifier : INotifier
{
    private const int MaxTextBytes = 30_000;
    private readonly SlackConfig _config;
    private readonly ReceiverOptions _options;

    public SlackNotifier(SlackConfig config, ReceiverOptions options)
    {
        _config = config;
        _options = options;
    }

    public string Integration => "slack";

    public bool SendResolved => _config.SendResolved;

    public async Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var view = AlertGroupView.Create(notification, _config.SendResolved, 0);
        if (view is null)
        {
            return NotifyResult.Ok;
        }

        var reply = await NotifierHttp.PostAsync(_config.ApiUrl, Body(view), "application/json", _config.Http.Authorization, _options, cancellationToken).ConfigureAwait(false);
        if (NotifierHttp.ClassifyStatus(reply, _config.ApiUrl, _options) is { } failure)
        {
            return failure;
        }

        string body = reply.Body.Trim();
        if (body == "ok" || IsJsonOk(body))
        {
            return NotifyResult.Ok;
        }

        return NotifyResult.PermanentFailure($"Slack answered HTTP {reply.StatusCode} without \"ok\" from {NotifierHttp.Describe(_config.ApiUrl)}: {NotifierHttp.Truncate(body, _options)}");
    }

    /// <summary>Alertmanager's <c>__alertmanagerURL</c>: the server's alerts page for this receiver.</summary>
    public static string DefaultTitleLink(Notification notification) =>
        string.IsNullOrEmpty(notification.ExternalUrl) ? string.Empty : notification.ExternalUrl + "/#/alerts?receiver=" + Uri.EscapeDataString(notification.Receiver);

    private byte[] Body(AlertGroupView view)
    {
        string title = _config.Title ?? MessageText.Title(view);
        string titleLink = _config.TitleLink ?? DefaultTitleLink(view.Notification);
        string fallback = _config.Fallback ?? (titleLink.Length > 0 ? title + " | " + titleLink : title);
        return JsonBody.Write(w =>
        {
            w.WriteStartObject();
            WriteIfSet(w, "channel", _config.Channel);
            WriteIfSet(w, "username", _config.Username);
            WriteIfSet(w, "icon_emoji", _config.IconEmoji);
            WriteIfSet(w, "icon_url", _config.IconUrl);
            w.WriteBoolean("link_names", _config.LinkNames);
            w.WriteStartArray("attachments");
            w.WriteStartObject();
            w.WriteString("title", title);
            WriteIfSet(w, "title_link", titleLink);
            WriteIfSet(w, "pretext", _config.Pretext);
            w.WriteString("text", _config.Text ?? MessageText.Body(view, TextFormat.SlackMrkdwn, MaxTextBytes, withTitle: false));
            w.WriteString("fallback", fallback);
            w.WriteString("color", _config.Color ?? (view.FiringCount > 0 ? "danger" : "good"));
            WriteIfSet(w, "footer", _config.Footer);
            w.WriteStartArray("mrkdwn_in");
            w.WriteStringValue("fallback");
            w.WriteStringValue("pretext");
            w.WriteStringValue("text");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    private static bool IsJsonOk(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

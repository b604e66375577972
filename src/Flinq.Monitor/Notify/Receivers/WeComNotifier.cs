namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Sends to a WeCom group robot (<c>POST .../cgi-bin/webhook/send?key=...</c>). WeCom answers
/// <c>{"errcode":0,"errmsg":"ok"}</c>; any other errcode is a failure (45009, rate limit, and -1, "system
/// busy", are retryable). Text content is cut at WeCom's 2,048 bytes, markdown at 4,096.
/// </summary>
internal sealed class WeComNotifier : INotifier
{
    private static readonly long[] s_retryableCodes = [45009, -1];
    private readonly WeComConfig _config;
    private readonly ReceiverOptions _options;

    public WeComNotifier(WeComConfig config, ReceiverOptions options)
    {
        _config = config;
        _options = options;
    }

    public string Integration => "wecom";

    public bool SendResolved => _config.SendResolved;

    public async Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var view = AlertGroupView.Create(notification, _config.SendResolved, 0);
        if (view is null)
        {
            return NotifyResult.Ok;
        }

        var reply = await NotifierHttp.PostAsync(_config.Url, Body(view), "application/json", null, _options, cancellationToken).ConfigureAwait(false);
        return JsonBody.CheckCode(reply, _config.Url, "WeCom", _options, ["errcode"], s_retryableCodes);
    }

    private byte[] Body(AlertGroupView view) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        if (_config.MessageType == MessageType.Text)
        {
            w.WriteString("msgtype", "text");
            w.WriteStartObject("text");
            w.WriteString("content", MessageText.Body(view, TextFormat.Plain, 2048));
            if (_config.MentionedList.Count > 0)
            {
                JsonBody.WriteStrings(w, "mentioned_list", _config.MentionedList);
            }

            if (_config.MentionedMobileList.Count > 0)
            {
                JsonBody.WriteStrings(w, "mentioned_mobile_list", _config.MentionedMobileList);
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteString("msgtype", "markdown");
            w.WriteStartObject("markdown");
            w.WriteString("content", MessageText.Body(view, TextFormat.Markdown, 4096));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });
}

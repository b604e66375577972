using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Sends to a DingTalk group robot (<c>POST .../robot/send?access_token=...</c>), signed when a secret is set:
/// <c>&amp;timestamp={ms}&amp;sign={urlencode(base64(HMAC-SHA256(secret, ms + "\n" + secret)))}</c> as DingTalk's
/// documentation gives it. DingTalk answers HTTP 200 with <c>{"errcode":0,"errmsg":"ok"}</c>; any other errcode
/// is a failure (130101, "sending too fast", is retryable).
/// </summary>
internal sealed class DingTalkNotifier : INotifier
{
    /// <summary>DingTalk refuses messages over 20,000 bytes; leave room for the JSON around the text.</summary>
    private const int MaxTextBytes = 18_000;
    private static readonly long[] s_retryableCodes = [130101, -1];
    private readonly DingTalkConfig _config;
    private readonly ReceiverOptions _options;

    public DingTalkNotifier(DingTalkConfig config, ReceiverOptions options)
    {
        _config = config;
        _options = options;
    }

    public string Integration => "dingtalk";

    public bool SendResolved => _config.SendResolved;

    public async Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var view = AlertGroupView.Create(notification, _config.SendResolved, 0);
        if (view is null)
        {
            return NotifyResult.Ok;
        }

        var url = _config.Secret is null ? _config.Url : SignedUrl(_config.Url, _config.Secret, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var reply = await NotifierHttp.PostAsync(url, Body(view), "application/json", null, _options, cancellationToken).ConfigureAwait(false);
        return JsonBody.CheckCode(reply, _config.Url, "DingTalk", _options, ["errcode"], s_retryableCodes);
    }

    /// <summary>DingTalk's signature: base64 HMAC-SHA256 keyed by the secret over <c>timestamp + "\n" + secret</c>.</summary>
    public static string Sign(long timestampMs, string secret)
    {
        byte[] key = Encoding.UTF8.GetBytes(secret);
        byte[] data = Encoding.UTF8.GetBytes(timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, data));
    }

    public static Uri SignedUrl(Uri url, string secret, long timestampMs) =>
        new(url + (string.IsNullOrEmpty(url.Query) ? "?" : "&") + "timestamp=" + timestampMs.ToString(CultureInfo.InvariantCulture)
            + "&sign=" + Uri.EscapeDataString(Sign(timestampMs, secret)));

    private byte[] Body(AlertGroupView view)
    {
        string title = _config.Title ?? MessageText.Title(view);
        return JsonBody.Write(w =>
        {
            w.WriteStartObject();
            if (_config.MessageType == MessageType.Text)
            {
                w.WriteString("msgtype", "text");
                w.WriteStartObject("text");
                w.WriteString("content", MessageText.Body(view, TextFormat.Plain, MaxTextBytes));
                w.WriteEndObject();
            }
            else
            {
                // In markdown, DingTalk only notifies the mentioned numbers when the text contains "@number".
                var text = new StringBuilder(MessageText.Body(view, TextFormat.Markdown, MaxTextBytes));
                foreach (string mobile in _config.AtMobiles)
                {
                    text.Append(" @").Append(mobile);
                }

                w.WriteString("msgtype", "markdown");
                w.WriteStartObject("markdown");
                w.WriteString("title", title);
                w.WriteString("text", text.ToString());
                w.WriteEndObject();
            }

            w.WriteStartObject("at");
            JsonBody.WriteStrings(w, "atMobiles", _config.AtMobiles);
            w.WriteBoolean("isAtAll", _config.AtAll);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Sends to a Feishu/Lark custom bot. With a secret, the body carries <c>timestamp</c> (seconds, as a string)
/// and <c>sign</c> = base64(HMAC-SHA256 keyed by <c>timestamp + "\n" + secret</c> over an empty message), as
/// Feishu's documentation gives it. Feishu answers <c>{"code":0,...}</c> (older deployments
/// <c>{"StatusCode":0,...}</c>); any other code is a failure (9499, too many requests, is retryable).
/// </summary>
internal sealed class FeishuNotifier : INotifier
{
    private const int MaxTextBytes = 18_000;
    private static readonly long[] s_retryableCodes = [9499];
    private readonly FeishuConfig _config;
    private readonly ReceiverOptions _options;

    public FeishuNotifier(FeishuConfig config, ReceiverOptions options)
    {
        _config = config;
        _options = options;
    }

    public string Integration => "feishu";

    public bool SendResolved => _config.SendResolved;

    public async Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var view = AlertGroupView.Create(notification, _config.SendResolved, 0);
        if (view is null)
        {
            return NotifyResult.Ok;
        }

        long seconds = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var reply = await NotifierHttp.PostAsync(_config.Url, Body(view, seconds), "application/json", null, _options, cancellationToken).ConfigureAwait(false);
        return JsonBody.CheckCode(reply, _config.Url, "Feishu", _options, ["code", "StatusCode"], s_retryableCodes);
    }

    /// <summary>Feishu's signature: base64 HMAC-SHA256 keyed by <c>timestamp + "\n" + secret</c> over no data.</summary>
    public static string Sign(long timestampSeconds, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(timestampSeconds.ToString(CultureInfo.InvariantCulture) + "\n" + secret), Array.Empty<byte>()));

    private byte[] Body(AlertGroupView view, long seconds) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        if (_config.Secret is { } secret)
        {
            w.WriteString("timestamp", seconds.ToString(CultureInfo.InvariantCulture));
            w.WriteString("sign", Sign(seconds, secret));
        }

        if (_config.MessageType == MessageType.Text)
        {
            w.WriteString("msg_type", "text");
            w.WriteStartObject("content");
            w.WriteString("text", MessageText.Body(view, TextFormat.Plain, MaxTextBytes));
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("msg_type", "interactive");
            w.WriteStartObject("card");
            w.WriteStartObject("config");
            w.WriteBoolean("wide_screen_mode", true);
            w.WriteEndObject();
            w.WriteStartObject("header");
            w.WriteStartObject("title");
            w.WriteString("tag", "plain_text");
            w.WriteString("content", _config.Title ?? MessageText.Title(view));
            w.WriteEndObject();
            w.WriteString("template", view.FiringCount > 0 ? "red" : "green");
            w.WriteEndObject();
            w.WriteStartArray("elements");
            w.WriteStartObject();
            w.WriteString("tag", "div");
            w.WriteStartObject("text");
            w.WriteString("tag", "lark_md");
            w.WriteString("content", MessageText.Body(view, TextFormat.LarkMarkdown, MaxTextBytes, withTitle: false));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });
}

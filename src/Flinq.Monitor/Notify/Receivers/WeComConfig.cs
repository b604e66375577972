namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// One entry of <c>wecom_configs</c> (Flinq's own): a WeCom (企业微信) group robot. Alertmanager's
/// <c>wechat_configs</c> is the WeCom application API, a different integration Flinq does not have.
/// </summary>
/// <param name="Url">The robot URL including <c>key</c>; default host <c>https://qyapi.weixin.qq.com/cgi-bin/webhook/send</c>.</param>
/// <param name="MessageType">markdown (default) or text.</param>
/// <param name="MentionedList">User ids to @-mention (<c>@all</c> for everyone); text messages only, as the API allows.</param>
/// <param name="MentionedMobileList">Phone numbers to @-mention; text messages only.</param>
/// <param name="SendResolved">Whether resolved alerts are sent; default true.</param>
internal sealed record WeComConfig(Uri Url, MessageType MessageType, IReadOnlyList<string> MentionedList, IReadOnlyList<string> MentionedMobileList, bool SendResolved)
{
    public static readonly Uri DefaultUrl = new("https://qyapi.weixin.qq.com/cgi-bin/webhook/send");

    public static WeComConfig Parse(YamlFields fields)
    {
        var config = new WeComConfig(
            ChatConfig.RobotUrl(fields, DefaultUrl, "key"),
            ChatConfig.MessageType(fields, MessageType.Markdown, MessageType.Markdown, MessageType.Text),
            fields.StringList("mentioned_list"),
            fields.StringList("mentioned_mobile_list"),
            fields.Bool("send_resolved", true));
        if (config.MessageType == MessageType.Markdown && (config.MentionedList.Count > 0 || config.MentionedMobileList.Count > 0))
        {
            throw fields.Error("message_type", "WeCom only @-mentions in text messages: set message_type: text or drop mentioned_list/mentioned_mobile_list");
        }

        fields.RejectUnknown();
        return config;
    }
}

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// One entry of <c>dingtalk_configs</c> (Flinq's own; Alertmanager has no DingTalk integration): a DingTalk
/// group robot ("custom robot").
/// </summary>
/// <param name="Url">The robot URL including <c>access_token</c>; default host <c>https://oapi.dingtalk.com/robot/send</c>.</param>
/// <param name="Secret">The robot's signing secret (security setting "加签"), or null.</param>
/// <param name="MessageType">markdown (default) or text.</param>
/// <param name="Title">The markdown title (shown in the chat list); null for the default title.</param>
/// <param name="AtMobiles">Phone numbers to @-mention.</param>
/// <param name="AtAll">Whether to @-mention everyone.</param>
/// <param name="SendResolved">Whether resolved alerts are sent; default true.</param>
internal sealed record DingTalkConfig(Uri Url, string? Secret, MessageType MessageType, string? Title, IReadOnlyList<string> AtMobiles, bool AtAll, bool SendResolved)
{
    public static readonly Uri DefaultUrl = new("https://oapi.dingtalk.com/robot/send");

    public static DingTalkConfig Parse(YamlFields fields)
    {
        var config = new DingTalkConfig(
            ChatConfig.RobotUrl(fields, DefaultUrl, "access_token"),
            fields.String("secret") is { Length: > 0 } secret ? secret : null,
            ChatConfig.MessageType(fields, MessageType.Markdown, MessageType.Markdown, MessageType.Text),
            fields.PlainText("title"),
            fields.StringList("at_mobiles"),
            fields.Bool("at_all", false),
            fields.Bool("send_resolved", true));
        fields.RejectUnknown();
        return config;
    }
}

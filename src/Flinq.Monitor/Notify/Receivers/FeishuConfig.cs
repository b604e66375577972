namespace Flinq.Monitor.Notify.Receivers;

/// <summary>One entry of <c>feishu_configs</c> (Flinq's own): a Feishu/Lark custom bot.</summary>
/// <param name="Url">The bot's webhook, e.g. <c>https://open.feishu.cn/open-apis/bot/v2/hook/{id}</c> (Lark: open.larksuite.com).</param>
/// <param name="Secret">The signing secret ("签名校验"), or null.</param>
/// <param name="MessageType">interactive (default: a card with a coloured header) or text.</param>
/// <param name="Title">The card title; null for the default title.</param>
/// <param name="SendResolved">Whether resolved alerts are sent; default true.</param>
internal sealed record FeishuConfig(Uri Url, string? Secret, MessageType MessageType, string? Title, bool SendResolved)
{
    public static FeishuConfig Parse(YamlFields fields)
    {
        var url = fields.Url("url") ?? throw fields.Error("url", "\"url\" (the bot's webhook address) is required");
        var config = new FeishuConfig(
            url,
            fields.String("secret") is { Length: > 0 } secret ? secret : null,
            ChatConfig.MessageType(fields, MessageType.Interactive, MessageType.Interactive, MessageType.Text),
            fields.PlainText("title"),
            fields.Bool("send_resolved", true));
        fields.RejectUnknown();
        return config;
    }
}

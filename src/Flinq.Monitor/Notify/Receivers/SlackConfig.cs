namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// One entry of Alertmanager's <c>slack_configs</c> (incoming webhook). Text fields are plain text: Go templates
/// are refused at parse time. Defaults follow Alertmanager (<c>send_resolved</c> false, title
/// <c>[FIRING:N] ...</c>, colour danger/good, title link to the server's alerts page) except <c>text</c>, which
/// defaults to Flinq's per-alert rendering instead of Alertmanager's empty text.
/// </summary>
internal sealed record SlackConfig(
    Uri ApiUrl,
    string? Channel,
    string? Username,
    string? IconEmoji,
    string? IconUrl,
    string? Title,
    string? TitleLink,
    string? Text,
    string? Pretext,
    string? Color,
    string? Footer,
    string? Fallback,
    bool LinkNames,
    bool SendResolved,
    HttpConfig Http)
{
    public static SlackConfig Parse(YamlFields fields, ReceiverGlobals globals)
    {
        var url = fields.Url("api_url") ?? globals.SlackApiUrl
            ?? throw fields.Error("api_url", "\"api_url\" is required (or global.slack_api_url)");
        var config = new SlackConfig(
            url,
            fields.PlainText("channel"),
            fields.PlainText("username"),
            fields.PlainText("icon_emoji"),
            fields.PlainText("icon_url"),
            fields.PlainText("title"),
            fields.PlainText("title_link"),
            fields.PlainText("text"),
            fields.PlainText("pretext"),
            fields.PlainText("color"),
            fields.PlainText("footer"),
            fields.PlainText("fallback"),
            fields.Bool("link_names", false),
            fields.Bool("send_resolved", false),
            HttpConfig.Parse(fields.Mapping("http_config")));
        fields.RejectUnknown("api_url_file", "callback_id", "fields", "short_fields", "image_url", "thumb_url", "mrkdwn_in", "actions");
        return config;
    }
}

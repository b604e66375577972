namespace Flinq.Monitor.Notify.Receivers;

/// <summary>One entry of Alertmanager's <c>webhook_configs</c>.</summary>
/// <param name="Url">Where to POST the payload.</param>
/// <param name="SendResolved">Whether resolved alerts are sent; default true, as in Alertmanager.</param>
/// <param name="MaxAlerts">How many alerts one payload carries at most; 0 (default) for all.</param>
/// <param name="Http">Authorization from <c>http_config</c>.</param>
internal sealed record WebhookConfig(Uri Url, bool SendResolved, int MaxAlerts, HttpConfig Http)
{
    public static WebhookConfig Parse(YamlFields fields)
    {
        var url = fields.Url("url") ?? throw fields.Error("url", "\"url\" is required");
        var config = new WebhookConfig(
            url,
            fields.Bool("send_resolved", true),
            fields.Int("max_alerts", 0, 0),
            HttpConfig.Parse(fields.Mapping("http_config")));
        fields.RejectUnknown("url_file", "timeout");
        return config;
    }
}

using System.Globalization;
using Flinq.Monitor.Notify.Configuration;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Webhook;

/// <summary>
/// Flinq's minimal <c>webhook_configs</c>: <c>url</c> (required, http or https), <c>send_resolved</c> (default true)
/// and <c>max_alerts</c> (default 0 = all). <c>http_config</c> and <c>url_file</c> are refused with a reason.
/// The full webhook integration belongs to the receivers part; this one exists so the pipeline can be tested
/// end to end.
/// </summary>
public sealed class WebhookConfigParser : IIntegrationConfigParser
{
    private static readonly HttpClient s_client = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <inheritdoc />
    public string Key => "webhook_configs";

    /// <inheritdoc />
    public ConfiguredIntegration Parse(YamlMappingNode entry, IntegrationParseContext context)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Uri? url = null;
        bool sendResolved = true;
        int maxAlerts = 0;
        foreach (var (keyNode, value) in entry.Children)
        {
            string key = NotifyConfigParser.Text(keyNode);
            switch (key)
            {
                case "url":
                    string text = NotifyConfigParser.Text(value);
                    if (!Uri.TryCreate(text, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                    {
                        throw NotifyConfigParser.Fail(value, $"webhook url \"{text}\" is not an absolute http or https URL");
                    }

                    break;
                case "send_resolved": sendResolved = NotifyConfigParser.Bool(value, key); break;
                case "max_alerts":
                    if (!int.TryParse(NotifyConfigParser.Text(value), NumberStyles.None, CultureInfo.InvariantCulture, out maxAlerts))
                    {
                        throw NotifyConfigParser.Fail(value, "max_alerts must be a non-negative integer");
                    }

                    break;
                default:
                    throw NotifyConfigParser.UnknownField(keyNode, key, "webhook_configs (Flinq's minimal webhook)", ["url", "send_resolved", "max_alerts"]);
            }
        }

        if (url is null)
        {
            throw NotifyConfigParser.Fail(entry, "one of url or url_file must be configured");
        }

        return new ConfiguredIntegration(new WebhookNotifier(s_client, url, maxAlerts), sendResolved);
    }
}

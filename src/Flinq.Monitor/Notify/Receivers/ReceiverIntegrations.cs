using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// The registry of receiver integrations: turns the <c>*_configs</c> sections of an Alertmanager receiver into
/// <see cref="INotifier"/>s. Supported sections: <c>webhook_configs</c>, <c>slack_configs</c>,
/// <c>email_configs</c> (Alertmanager's field names and defaults) and Flinq's own <c>dingtalk_configs</c>,
/// <c>wecom_configs</c>, <c>feishu_configs</c>. Other Alertmanager integrations (PagerDuty, Opsgenie, ...) are
/// refused with a reason.
/// </summary>
/// <remarks>Stateless and thread-safe. The notifiers it returns are thread-safe and share one HTTP connection pool.</remarks>
public static class ReceiverIntegrations
{
    /// <summary>The sections Flinq implements.</summary>
    public static IReadOnlyList<string> SectionNames { get; } =
        ["webhook_configs", "slack_configs", "email_configs", "dingtalk_configs", "wecom_configs", "feishu_configs"];

    /// <summary>Alertmanager's integrations Flinq does not implement (their sections are refused).</summary>
    public static IReadOnlyList<string> UnsupportedSectionNames { get; } =
        ["pagerduty_configs", "opsgenie_configs", "wechat_configs", "pushover_configs", "victorops_configs", "sns_configs",
         "telegram_configs", "discord_configs", "webex_configs", "msteams_configs"];

    /// <summary>Whether <paramref name="sectionName"/> is one of <see cref="SectionNames"/>.</summary>
    public static bool IsSupported(string sectionName) => SectionNames.Contains(sectionName, StringComparer.Ordinal);

    /// <summary>
    /// Parses one section, e.g. the sequence under <c>webhook_configs:</c>, into one notifier per entry.
    /// </summary>
    /// <param name="sectionName">The key, e.g. <c>webhook_configs</c>.</param>
    /// <param name="node">The YAML sequence under it.</param>
    /// <param name="globals">Values from <c>global:</c> (<see cref="ReceiverGlobals.Parse"/>); null for none.</param>
    /// <param name="options">Clock and timeouts; null for <see cref="ReceiverOptions.Default"/>.</param>
    /// <param name="path">The path of the receiver for error messages, e.g. <c>receivers[2]</c>; may be empty.</param>
    /// <exception cref="ReceiverConfigException">An unknown section, or an entry is invalid (with line and column).</exception>
    public static IReadOnlyList<INotifier> Parse(string sectionName, YamlSequenceNode node, ReceiverGlobals? globals = null, ReceiverOptions? options = null, string path = "")
    {
        ArgumentNullException.ThrowIfNull(sectionName);
        ArgumentNullException.ThrowIfNull(node);
        globals ??= ReceiverGlobals.Empty;
        options ??= ReceiverOptions.Default;
        string sectionPath = path.Length == 0 ? sectionName : path + "." + sectionName;
        if (!IsSupported(sectionName))
        {
            string reason = UnsupportedSectionNames.Contains(sectionName, StringComparer.Ordinal)
                ? $"the Alertmanager integration \"{sectionName}\" is not supported by Flinq (supported: {string.Join(", ", SectionNames)})"
                : $"unknown integration \"{sectionName}\" (supported: {string.Join(", ", SectionNames)})";
            throw YamlFields.Error(node, sectionPath, reason);
        }

        var result = new List<INotifier>(node.Children.Count);
        for (int i = 0; i < node.Children.Count; i++)
        {
            var fields = new YamlFields(node.Children[i], sectionPath + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
            result.Add(Create(sectionName, fields, globals, options));
        }

        return result;
    }

    /// <summary>
    /// Parses every <c>*_configs</c> key of one receiver mapping (the <c>name</c> key is skipped; any other key
    /// is refused), in document order.
    /// </summary>
    /// <exception cref="ReceiverConfigException">As for <see cref="Parse(string, YamlSequenceNode, ReceiverGlobals?, ReceiverOptions?, string)"/>; also a section that is not a sequence.</exception>
    public static IReadOnlyList<INotifier> ParseReceiver(YamlMappingNode receiver, ReceiverGlobals? globals = null, ReceiverOptions? options = null, string path = "")
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var result = new List<INotifier>();
        foreach (var (key, value) in receiver.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (name == "name")
            {
                continue;
            }

            string keyPath = path.Length == 0 ? name : path + "." + name;
            if (!name.EndsWith("_configs", StringComparison.Ordinal))
            {
                throw YamlFields.Error(key, keyPath, $"unknown receiver field \"{name}\" (expected name and *_configs sections)");
            }

            if (value is not YamlSequenceNode sequence)
            {
                throw YamlFields.Error(value, keyPath, "expected a list of configurations");
            }

            result.AddRange(Parse(name, sequence, globals, options, path));
        }

        return result;
    }

    private static INotifier Create(string sectionName, YamlFields fields, ReceiverGlobals globals, ReceiverOptions options) => sectionName switch
    {
        "webhook_configs" => new WebhookNotifier(WebhookConfig.Parse(fields), options),
        "slack_configs" => new SlackNotifier(SlackConfig.Parse(fields, globals), options),
        "email_configs" => new EmailNotifier(EmailConfig.Parse(fields, globals), options),
        "dingtalk_configs" => new DingTalkNotifier(DingTalkConfig.Parse(fields), options),
        "wecom_configs" => new WeComNotifier(WeComConfig.Parse(fields), options),
        "feishu_configs" => new FeishuNotifier(FeishuConfig.Parse(fields), options),
        _ => throw new InvalidOperationException("unreachable: " + sectionName),
    };
}

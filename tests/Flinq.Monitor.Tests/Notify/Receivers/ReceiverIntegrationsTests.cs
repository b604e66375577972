using Flinq.Monitor.Notify.Receivers;
using YamlDotNet.RepresentationModel;
using static Flinq.Monitor.Tests.Notify.Receivers.TestNotifications;

namespace Flinq.Monitor.Tests.Notify.Receivers;

public sealed class ReceiverIntegrationsTests
{
    [Fact]
    public void ParseReceiver_AllSections_OneNotifierPerEntryInOrder()
    {
        var receiver = Load("""
            name: team-a
            webhook_configs:
              - url: http://127.0.0.1:1/a
              - url: http://127.0.0.1:1/b
            slack_configs:
              - api_url: https://hooks.slack.com/services/T/B/X
            email_configs:
              - to: a@example.com
                from: b@example.com
                smarthost: smtp.example.com:587
            dingtalk_configs:
              - access_token: t
            wecom_configs:
              - key: k
            feishu_configs:
              - url: https://open.feishu.cn/open-apis/bot/v2/hook/x
            """);

        var notifiers = ReceiverIntegrations.ParseReceiver(receiver);

        notifiers.Select(n => n.Integration).Should().Equal("webhook", "webhook", "slack", "email", "dingtalk", "wecom", "feishu");
        notifiers.Select(n => n.SendResolved).Should().Equal(true, true, false, false, true, true, true);
    }

    [Theory]
    [InlineData("webhook_configs", "url: http://x/\nsend_resolvd: true", "receivers[0].webhook_configs[0].send_resolvd", 3, 5, "unknown field \"send_resolvd\"")]
    [InlineData("webhook_configs", "send_resolved: true", "receivers[0].webhook_configs[0].url", 2, 5, "\"url\" is required")]
    [InlineData("webhook_configs", "url: ftp://x/", "receivers[0].webhook_configs[0].url", 2, 10, "http:// or https://")]
    [InlineData("webhook_configs", "url: http://x/\nmax_alerts: -1", "receivers[0].webhook_configs[0].max_alerts", 3, 17, "at least 0")]
    [InlineData("webhook_configs", "url: http://x/\nurl_file: /f", "receivers[0].webhook_configs[0].url_file", 3, 5, "does not support yet")]
    [InlineData("webhook_configs", "url: http://x/\nhttp_config:\n  tls_config: {}", "receivers[0].webhook_configs[0].http_config.tls_config", 4, 7, "does not support yet")]
    [InlineData("slack_configs", "api_url: http://x/\ntitle: '{{ .Status }}'", "receivers[0].slack_configs[0].title", 3, 12, "Go templates")]
    [InlineData("slack_configs", "channel: '#a'", "receivers[0].slack_configs[0].api_url", 2, 5, "global.slack_api_url")]
    [InlineData("dingtalk_configs", "access_token: t\nmessage_type: card", "receivers[0].dingtalk_configs[0].message_type", 3, 19, "expected one of markdown, text")]
    [InlineData("dingtalk_configs", "secret: s", "receivers[0].dingtalk_configs[0].access_token", 2, 5, "needs its access_token")]
    [InlineData("wecom_configs", "key: k\nmentioned_list: [a]", "receivers[0].wecom_configs[0].message_type", 2, 5, "only @-mentions in text")]
    [InlineData("email_configs", "to: a@example.com\nfrom: b@example.com\nsmarthost: nohost", "receivers[0].email_configs[0].smarthost", 4, 16, "host:port")]
    [InlineData("email_configs", "to: a@example.com\nsmarthost: h:25", "receivers[0].email_configs[0].from", 2, 5, "global.smtp_from")]
    public void Parse_InvalidEntry_ErrorWithPathLineAndColumn(string section, string yaml, string path, int line, int column, string reason)
    {
        var act = () => ParseAll(section, yaml);

        var error = act.Should().Throw<ReceiverConfigException>().Which;
        error.Reason.Should().Contain(reason);
        error.Path.Should().Be(path);
        (error.Line, error.Column).Should().Be((line, column));
    }

    [Fact]
    public void Parse_UnsupportedAlertmanagerIntegration_Refused()
    {
        var act = () => ParseAll("pagerduty_configs", "routing_key: x");

        act.Should().Throw<ReceiverConfigException>().Which.Reason.Should().Contain("not supported by Flinq");
    }

    [Fact]
    public void ReceiverGlobals_Parse_ReadsSmtpAndSlackKeysAndIgnoresOthers()
    {
        var global = Load("resolve_timeout: 5m\nsmtp_from: am@example.com\nsmtp_smarthost: mail:587\nsmtp_require_tls: false\nslack_api_url: https://hooks.slack.com/x");

        var globals = ReceiverGlobals.Parse(global);

        globals.Should().Be(new ReceiverGlobals
        {
            SmtpFrom = "am@example.com",
            SmtpSmarthost = "mail:587",
            SmtpRequireTls = false,
            SlackApiUrl = new Uri("https://hooks.slack.com/x"),
        });
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}

using MimeKit;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// One entry of Alertmanager's <c>email_configs</c>. Defaults follow Alertmanager: <c>send_resolved</c> false,
/// <c>require_tls</c> from <c>global.smtp_require_tls</c> (true), <c>hello</c> <c>localhost</c>, subject
/// <c>[FIRING:N] ...</c>. Port 465 means implicit TLS (SMTPS); otherwise <c>require_tls</c> demands STARTTLS.
/// <c>html</c> and <c>text</c> are plain (no Go templates); left out, Flinq's default renderings are sent, both
/// as one multipart/alternative message.
/// </summary>
internal sealed record EmailConfig(
    InternetAddressList To,
    MailboxAddress From,
    string Host,
    int Port,
    string Hello,
    string? AuthUsername,
    string? AuthPassword,
    bool RequireTls,
    bool InsecureSkipVerify,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Html,
    string? Text,
    bool SendResolved)
{
    public static EmailConfig Parse(YamlFields fields, ReceiverGlobals globals)
    {
        var to = Addresses(fields, "to", fields.PlainText("to"));
        string? fromText = fields.PlainText("from") ?? globals.SmtpFrom;
        if (string.IsNullOrEmpty(fromText) || !MailboxAddress.TryParse(fromText, out var from))
        {
            throw fields.Error("from", "\"from\" (or global.smtp_from) must be one e-mail address");
        }

        string smarthost = fields.String("smarthost") ?? globals.SmtpSmarthost
            ?? throw fields.Error("smarthost", "\"smarthost\" (or global.smtp_smarthost) is required, as host:port");
        int colon = smarthost.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(smarthost.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw fields.Error("smarthost", $"expected host:port, got \"{smarthost}\"");
        }

        string host = smarthost[..colon].Trim('[', ']');
        bool insecure = false;
        if (fields.Mapping("tls_config") is { } tls)
        {
            insecure = tls.Bool("insecure_skip_verify", false);
            tls.RejectUnknown("server_name", "ca_file", "cert_file", "key_file", "min_version", "max_version", "ca", "cert", "key");
        }

        var headers = fields.StringMap("headers");
        foreach (var (name, value) in headers)
        {
            if (value.Contains("{{", StringComparison.Ordinal))
            {
                throw fields.Error("headers", $"header {name}: Go templates ({{{{ ... }}}}) are not supported; write plain text or leave Subject out for the default");
            }

            bool valid = name.ToUpperInvariant() switch
            {
                "TO" => InternetAddressList.TryParse(value, out _),
                "FROM" => MailboxAddress.TryParse(value, out _),
                _ => true,
            };
            if (!valid)
            {
                throw fields.Error("headers", $"header {name}: \"{value}\" is not a valid address");
            }
        }

        var config = new EmailConfig(
            to,
            from,
            host,
            port,
            fields.String("hello") ?? globals.SmtpHello,
            fields.String("auth_username") ?? globals.SmtpAuthUsername,
            fields.String("auth_password") ?? globals.SmtpAuthPassword,
            fields.Bool("require_tls", globals.SmtpRequireTls),
            insecure,
            headers,
            fields.PlainText("html"),
            fields.PlainText("text"),
            fields.Bool("send_resolved", false));
        fields.RejectUnknown("auth_identity", "auth_secret", "auth_password_file");
        return config;
    }

    private static InternetAddressList Addresses(YamlFields fields, string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !InternetAddressList.TryParse(text, out var list) || list.Count == 0)
        {
            throw fields.Error(key, $"\"{key}\" must be one or more e-mail addresses separated by commas");
        }

        return list;
    }
}

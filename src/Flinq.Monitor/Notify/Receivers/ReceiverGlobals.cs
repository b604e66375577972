using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// The values of Alertmanager's <c>global:</c> section that receiver integrations inherit: SMTP defaults for
/// <c>email_configs</c> and <c>slack_api_url</c> for <c>slack_configs</c>.
/// </summary>
public sealed record ReceiverGlobals
{
    /// <summary>No global defaults; <c>smtp_require_tls</c> true as in Alertmanager.</summary>
    public static ReceiverGlobals Empty { get; } = new();

    /// <summary><c>smtp_from</c>.</summary>
    public string? SmtpFrom { get; init; }

    /// <summary><c>smtp_smarthost</c> (<c>host:port</c>).</summary>
    public string? SmtpSmarthost { get; init; }

    /// <summary><c>smtp_hello</c>; Alertmanager's default is <c>localhost</c>.</summary>
    public string SmtpHello { get; init; } = "localhost";

    /// <summary><c>smtp_auth_username</c>.</summary>
    public string? SmtpAuthUsername { get; init; }

    /// <summary><c>smtp_auth_password</c>.</summary>
    public string? SmtpAuthPassword { get; init; }

    /// <summary><c>smtp_require_tls</c>; default true as in Alertmanager.</summary>
    public bool SmtpRequireTls { get; init; } = true;

    /// <summary><c>slack_api_url</c>.</summary>
    public Uri? SlackApiUrl { get; init; }

    /// <summary>
    /// Reads the receiver-related keys of an Alertmanager <c>global:</c> mapping and ignores the others (the
    /// caller validates those: <c>resolve_timeout</c>, <c>http_config</c>, the keys of integrations Flinq lacks).
    /// </summary>
    /// <exception cref="ReceiverConfigException">A known key has a value of the wrong type.</exception>
    public static ReceiverGlobals Parse(YamlMappingNode global, string path = "global")
    {
        ArgumentNullException.ThrowIfNull(global);
        var fields = new YamlFields(global, path);
        var result = new ReceiverGlobals
        {
            SmtpFrom = fields.String("smtp_from"),
            SmtpSmarthost = fields.String("smtp_smarthost"),
            SmtpHello = fields.String("smtp_hello") ?? "localhost",
            SmtpAuthUsername = fields.String("smtp_auth_username"),
            SmtpAuthPassword = fields.String("smtp_auth_password"),
            SmtpRequireTls = fields.Bool("smtp_require_tls", true),
            SlackApiUrl = fields.Url("slack_api_url"),
        };
        return result;
    }
}

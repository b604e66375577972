using System.Net.Http.Headers;
using System.Text;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// The supported part of Prometheus' <c>http_config</c>: <c>authorization</c> (<c>type</c>, default
/// <c>Bearer</c>, and <c>credentials</c>), the older <c>bearer_token</c>, and <c>basic_auth</c>.
/// </summary>
/// <param name="Authorization">The <c>Authorization</c> header to send, or null.</param>
internal sealed record HttpConfig(AuthenticationHeaderValue? Authorization)
{
    public static HttpConfig None { get; } = new((AuthenticationHeaderValue?)null);

    public static HttpConfig Parse(YamlFields? fields)
    {
        if (fields is null)
        {
            return None;
        }

        AuthenticationHeaderValue? header = null;
        int methods = 0;
        if (fields.Mapping("authorization") is { } authorization)
        {
            string type = authorization.String("type") ?? "Bearer";
            string credentials = authorization.RequiredString("credentials");
            authorization.RejectUnknown("credentials_file");
            if (type.Equals("basic", StringComparison.OrdinalIgnoreCase))
            {
                throw authorization.Error("type", "authorization type Basic is not allowed; use basic_auth");
            }

            header = new AuthenticationHeaderValue(type, credentials);
            methods++;
        }

        if (fields.String("bearer_token") is { Length: > 0 } token)
        {
            header = new AuthenticationHeaderValue("Bearer", token);
            methods++;
        }

        if (fields.Mapping("basic_auth") is { } basic)
        {
            string user = basic.RequiredString("username");
            string password = basic.String("password") ?? string.Empty;
            basic.RejectUnknown("password_file", "username_file");
            header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            methods++;
        }

        if (methods > 1)
        {
            throw YamlFields.Error(fields.Node, fields.Path, "at most one of authorization, bearer_token and basic_auth may be configured");
        }

        fields.RejectUnknown("bearer_token_file", "oauth2", "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header",
            "tls_config", "follow_redirects", "enable_http2");
        return new HttpConfig(header);
    }
}

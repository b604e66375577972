using System.Security.Cryptography;
using System.Text;
using Flinq.Server.Configuration;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server;

/// <summary>Optional bearer-token checks: no token configured means open; tokens compare in constant time.</summary>
internal static class BearerAuth
{
    private static bool IsAuthorized(HttpContext ctx, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        var header = ctx.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(token));
    }

    /// <summary>
    /// May the request read (queries, alerts, rules, jobs, /metrics, the live stream)? Open when no read token is
    /// configured. The write token does not read: ingest agents hold it and need not see the data.
    /// </summary>
    public static bool CanRead(HttpContext ctx, ServerOptions options) => IsAuthorized(ctx, options.ReadToken);

    /// <summary>May the request write (ingest, rules, silences, alerts, reload)? Open when no write token is configured.</summary>
    public static bool CanWrite(HttpContext ctx, ServerOptions options) => IsAuthorized(ctx, options.WriteToken);

    public static void Challenge(HttpContext ctx) => ctx.Response.Headers.WWWAuthenticate = "Bearer realm=\"flinq\"";
}

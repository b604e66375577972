using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server;

/// <summary>Optional bearer-token checks: no token configured means open; tokens compare in constant time.</summary>
internal static class BearerAuth
{
    public static bool IsAuthorized(HttpContext ctx, string? token)
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

    public static void Challenge(HttpContext ctx) => ctx.Response.Headers.WWWAuthenticate = "Bearer realm=\"flinq\"";
}

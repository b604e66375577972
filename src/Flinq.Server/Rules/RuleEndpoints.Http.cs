using System.Text;
using Flinq.Monitor.Rules;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Rules;

/// <summary>Bodies in and out: size limit, format from Content-Type, error shapes.</summary>
internal sealed partial class RuleEndpoints
{
    /// <summary>The body as text and its format (JSON when the Content-Type says json, else YAML), or the failure to answer.</summary>
    private static async Task<(string? Text, RuleFormat Format, IResult? Failure)> ReadBodyAsync(HttpContext ctx)
    {
        var format = ctx.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? RuleFormat.Json : RuleFormat.Yaml;
        if (ctx.Request.ContentLength > MaxBodyBytes)
        {
            return (null, format, TooLarge());
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > MaxBodyBytes)
                {
                    return (null, format, TooLarge());
                }

                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, format, TooLarge());
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return (text, format, null);
        }
        catch (DecoderFallbackException e)
        {
            return (null, format, Results.Json(new { errors = new[] { new { line = 0, column = 0, path = string.Empty, message = $"the body is not UTF-8 text (byte {e.Index})" } } }, statusCode: 400));
        }
    }

    private static IResult TooLarge() => Error(413, $"the body exceeds the limit of {MaxBodyBytes} bytes for one rule; split it");

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private static IResult Errors(IReadOnlyList<RuleError> errors) => Results.Json(new { errors = errors.Select(ErrorBody) }, statusCode: 400);

    private static object ErrorBody(RuleError e) => new { line = e.Line, column = e.Column, path = e.Path, message = e.Message };

    /// <summary>The rule as JSON (or YAML with <c>?format=yaml</c>), with its source and version in headers.</summary>
    private static IResult RuleResult(HttpContext ctx, StoredRule stored, int status)
    {
        ctx.Response.Headers["X-Flinq-Rule-Source"] = stored.Source == RuleSource.File ? "file" : "api";
        ctx.Response.Headers["X-Flinq-Rule-Version"] = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Equals(ctx.Request.Query["format"], "yaml", StringComparison.OrdinalIgnoreCase)
            ? Results.Content(RuleWriter.ToYaml(stored.Rule), "application/yaml", Encoding.UTF8, status)
            : Results.Content(RuleWriter.ToJson(stored.Rule), "application/json", Encoding.UTF8, status);
    }

    private static string RuleKindName(RuleKind kind) => kind.ToString().ToLowerInvariant();
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Dashboard;

/// <summary>
/// Serves the web dashboard at <c>/</c> (its <c>index.html</c>) and <c>/assets/*</c> (hashed, cached for a
/// year) from <see cref="DashboardAssets"/>, with the security headers: a Content-Security-Policy that
/// allows only this origin's scripts, styles and connections (no inline script, no eval, no framing), and
/// <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c>. <c>nosniff</c> is also set
/// on every other response of the server (the API's JSON included).
/// </summary>
internal sealed class DashboardEndpoints
{
    /// <summary>The policy sent with every dashboard file. ECharts sets element styles through the CSSOM, which CSP allows.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly DashboardAssets _assets;

    public DashboardEndpoints(DashboardAssets assets) => _assets = assets;

    public void Map(WebApplication app)
    {
        app.Use((ctx, next) =>
        {
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            return next(ctx);
        });
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/", getOrHead, ctx => Serve(ctx, "index.html"));
        app.MapMethods("/index.html", getOrHead, ctx => Serve(ctx, "index.html"));
        app.MapMethods("/favicon.svg", getOrHead, ctx => Serve(ctx, "favicon.svg"));
        app.MapMethods("/assets/{*path}", getOrHead, (HttpContext ctx, string path) => Serve(ctx, "assets/" + path));
    }

    private Task Serve(HttpContext ctx, string path)
    {
        var headers = ctx.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (!_assets.TryGet(path, out var asset))
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            return ctx.Response.WriteAsync(_assets.HasIndex
                ? "not found\n"
                : "the dashboard is not built into this server: build src/Flinq.Server with npm on the PATH (its build runs npm ci and npm run build in web/)\n");
        }

        headers.ETag = asset.ETag;
        headers.CacheControl = asset.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.Vary = "Accept-Encoding";
        ctx.Response.ContentType = asset.ContentType;
        if (ctx.Request.Headers.IfNoneMatch == asset.ETag)
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var body = asset.Bytes;
        if (asset.Gzip is { } gzip && ctx.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentEncoding = "gzip";
            body = gzip.Value;
        }

        ctx.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(ctx.Request.Method) ? Task.CompletedTask : ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).AsTask();
    }
}

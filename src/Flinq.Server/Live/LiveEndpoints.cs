using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Live;

/// <summary>
/// <c>GET /api/v1/live</c>: Server-Sent Events, one <c>snapshot</c> event with the <see cref="LiveFeed"/>'s
/// JSON each time a new one is published (once a second), and a comment line every 15 s when nothing
/// changed so proxies keep the stream open. Needs the read token when one is configured (the dashboard
/// reads the stream with <c>fetch</c>, which can send the header; <c>EventSource</c> cannot).
/// </summary>
internal sealed class LiveEndpoints
{
    private static readonly byte[] s_eventPrefix = "event: snapshot\ndata: "u8.ToArray();
    private static readonly byte[] s_eventSuffix = "\n\n"u8.ToArray();
    private static readonly byte[] s_keepAlive = ": keep-alive\n\n"u8.ToArray();

    private readonly LiveFeed _feed;
    private readonly ServerOptions _options;
    private readonly ServerMetrics _metrics;

    public LiveEndpoints(LiveFeed feed, ServerOptions options, ServerMetrics metrics)
    {
        _feed = feed;
        _options = options;
        _metrics = metrics;
    }

    public void Map(WebApplication app)
    {
        // Streams never end by themselves: end them when the server stops, or its graceful stop waits for them.
        var stopping = app.Lifetime.ApplicationStopping;
        app.MapGet("/api/v1/live", ctx => Stream(ctx, stopping));
    }

    private async Task Stream(HttpContext ctx, CancellationToken stopping)
    {
        if (!BearerAuth.CanRead(ctx, _options))
        {
            _metrics.Request("live", StatusCodes.Status401Unauthorized);
            BearerAuth.Challenge(ctx);
            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await ctx.Response.WriteAsJsonAsync(new { status = "error", error = "this server requires a read token: send Authorization: Bearer <token>" }, ctx.RequestAborted).ConfigureAwait(false);
            return;
        }

        _metrics.Request("live", StatusCodes.Status200OK);
        ctx.Response.ContentType = "text/event-stream; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-cache, no-store";
        ctx.Response.Headers["X-Accel-Buffering"] = "no";
        long version = -1;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var ct = linked.Token;
        try
        {
            await ctx.Response.Body.WriteAsync("retry: 2000\n\n"u8.ToArray(), ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                var snapshot = _feed.Current;
                if (snapshot.Version > version)
                {
                    version = snapshot.Version;
                    await ctx.Response.Body.WriteAsync(s_eventPrefix, ct).ConfigureAwait(false);
                    await ctx.Response.Body.WriteAsync(snapshot.Json, ct).ConfigureAwait(false); // one line: Utf8JsonWriter does not indent
                    await ctx.Response.Body.WriteAsync(s_eventSuffix, ct).ConfigureAwait(false);
                    await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                }

                try
                {
                    await _feed.WaitForNewerAsync(version, ct).WaitAsync(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await ctx.Response.Body.WriteAsync(s_keepAlive, ct).ConfigureAwait(false);
                    await ctx.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the client went away or the server stops
        }
    }
}

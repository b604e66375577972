using System.Text.Json;
using System.Text.RegularExpressions;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Telemetry;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flinq.Server.Alertmanager;

/// <summary>
/// Alertmanager 0.25's v2 API over the <see cref="NotificationPipeline"/> (shapes as its OpenAPI spec, so
/// <c>amtool</c>, Prometheus, vmalert and Grafana talk to Flinq as to an Alertmanager), plus Flinq's
/// <c>GET /api/v1/notifications</c> (recent deliveries with their errors). Errors are 400 with a JSON string body,
/// as Alertmanager answers. Writes need the write token, reads the read token, when configured.
/// </summary>
internal sealed partial class AlertmanagerEndpoints
{
    private readonly NotificationPipeline _pipeline;
    private readonly ServerOptions _options;
    private readonly ServerMetrics _metrics;

    public AlertmanagerEndpoints(NotificationPipeline pipeline, ServerOptions options, ServerMetrics metrics)
    {
        _pipeline = pipeline;
        _options = options;
        _metrics = metrics;
    }

    private Flinq.Time.Timestamp Now => Flinq.Time.Timestamp.FromDateTimeOffset(_options.TimeProvider.GetUtcNow());

    public void Map(WebApplication app)
    {
        var v2 = app.MapGroup("/api/v2").AddEndpointFilter(async (context, next) =>
        {
            var ctx = context.HttpContext;
            bool write = !HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method);
            if (!(write ? BearerAuth.CanWrite(ctx, _options) : BearerAuth.CanRead(ctx, _options)))
            {
                BearerAuth.Challenge(ctx);
                _metrics.Request("alertmanager", 401);
                return Results.Json($"this server requires a {(write ? "write" : "read")} token: send Authorization: Bearer <token>", statusCode: 401);
            }

            try
            {
                var result = await next(context).ConfigureAwait(false);
                _metrics.Request("alertmanager", 200);
                return result;
            }
            catch (BadRequestException e)
            {
                _metrics.Request("alertmanager", 400);
                return Results.Json(e.Message, statusCode: 400);
            }
        });
        v2.MapGet("/alerts", GetAlerts);
        v2.MapPost("/alerts", PostAlertsAsync);
        v2.MapGet("/alerts/groups", GetGroups);
        v2.MapGet("/status", GetStatus);
        v2.MapGet("/receivers", () => Results.Json(_pipeline.ReceiverNames.Select(n => new { name = n })));
        v2.MapGet("/silences", GetSilences);
        v2.MapPost("/silences", PostSilenceAsync);
        v2.MapGet("/silence/{id}", (string id) => GetSilence(id));
        v2.MapDelete("/silence/{id}", (string id) => DeleteSilence(id));
        app.MapGet("/api/v1/notifications", (HttpContext ctx) =>
        {
            if (!BearerAuth.CanRead(ctx, _options))
            {
                BearerAuth.Challenge(ctx);
                return Results.Json(new { status = "error", error = "this server requires a read token: send Authorization: Bearer <token>" }, statusCode: 401);
            }

            return Results.Json(new
            {
                notifications = _pipeline.RecentDeliveries().Select(d => new
                {
                    time = ApiJson.Time(d.Time),
                    receiver = d.Receiver,
                    integration = d.Integration,
                    groupKey = d.GroupKey,
                    firing = d.Firing,
                    resolved = d.Resolved,
                    attempts = d.Attempts,
                    success = d.Success,
                    error = d.Error,
                }),
            });
        });
    }

    private IResult GetAlerts(HttpRequest request)
    {
        var filter = AlertFilter.From(request);
        var now = Now;
        var alerts = _pipeline.GetAlerts(now).Where(filter.Matches).Select(ApiJson.Alert);
        return Results.Json(alerts);
    }

    private IResult GetGroups(HttpRequest request)
    {
        var filter = AlertFilter.From(request);
        var groups = new List<object>();
        foreach (var g in _pipeline.GetGroups(Now))
        {
            if (filter.Receiver is { } re && !re.IsMatch(g.Receiver))
            {
                continue;
            }

            var alerts = g.Alerts.Where(a => filter.MatchesStatus(a) && LabelMatcher.MatchesAll(filter.Matchers, a.Alert.Labels)).Select(ApiJson.Alert).ToList();
            if (alerts.Count > 0)
            {
                groups.Add(new { alerts, labels = ApiJson.Labels(g.Labels), receiver = new { name = g.Receiver } });
            }
        }

        return Results.Json(groups);
    }

    private IResult GetStatus() => Results.Json(new
    {
        cluster = new { status = "disabled", peers = Array.Empty<object>() },
        config = new { original = _pipeline.OriginalConfig },
        uptime = ApiJson.Time(_pipeline.StartedAt),
        versionInfo = new
        {
            branch = "flinq",
            buildDate = string.Empty,
            buildUser = string.Empty,
            goVersion = "none (Flinq on .NET " + Environment.Version + ")",
            revision = string.Empty,
            version = typeof(AlertmanagerEndpoints).Assembly.GetName().Version?.ToString() ?? "0.0.0",
        },
    });

    private async Task<IResult> PostAlertsAsync(HttpRequest request)
    {
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new BadRequestException("body is not JSON: " + e.Message);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new BadRequestException("body must be a JSON array of alerts (postableAlerts)");
            }

            var valid = new List<Alert>();
            var errors = new List<string>();
            int index = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                try
                {
                    valid.Add(ApiJson.ParsePostableAlert(item));
                }
                catch (BadRequestException e)
                {
                    errors.Add($"alert {index}: {e.Message}");
                }

                index++;
            }

            // As Alertmanager: the valid alerts are accepted even when others are refused.
            _pipeline.Post(valid);
            if (errors.Count > 0)
            {
                throw new BadRequestException(string.Join("; ", errors));
            }

            return Results.Ok();
        }
    }

    /// <summary>The query parameters of the alert listings: <c>active</c>, <c>silenced</c>, <c>inhibited</c>, <c>unprocessed</c> (default true), <c>filter</c> (matchers), <c>receiver</c> (regex).</summary>
    private sealed record AlertFilter(bool Active, bool Silenced, bool Inhibited, IReadOnlyList<LabelMatcher> Matchers, Regex? Receiver)
    {
        public static AlertFilter From(HttpRequest request)
        {
            var matchers = new List<LabelMatcher>();
            foreach (var f in request.Query["filter"])
            {
                try
                {
                    matchers.AddRange(LabelMatcher.ParseList(f ?? string.Empty));
                }
                catch (FormatException e)
                {
                    throw new BadRequestException("bad filter: " + e.Message);
                }
            }

            Regex? receiver = null;
            if (request.Query["receiver"].ToString() is { Length: > 0 } re)
            {
                try
                {
                    receiver = new Regex("^(?:" + re + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException e)
                {
                    throw new BadRequestException("failed to parse receiver param: " + e.Message);
                }
            }

            return new AlertFilter(Flag(request, "active"), Flag(request, "silenced"), Flag(request, "inhibited"), matchers, receiver);
        }

        public bool Matches(PipelineAlert a) =>
            MatchesStatus(a) && LabelMatcher.MatchesAll(Matchers, a.Alert.Labels) && (Receiver is null || a.Receivers.Any(Receiver.IsMatch));

        public bool MatchesStatus(PipelineAlert a) =>
            (Active || a.State != "active") && (Silenced || a.SilencedBy.Count == 0) && (Inhibited || a.InhibitedBy.Count == 0);

        private static bool Flag(HttpRequest request, string name)
        {
            var text = request.Query[name].ToString();
            return text.Length == 0 || (bool.TryParse(text, out bool v) ? v : throw new BadRequestException($"{name} must be true or false, got \"{text}\""));
        }
    }
}

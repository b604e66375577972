using System.Globalization;
using System.Text.Json;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Flinq.Server.Query;
using Flinq.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flinq.Server.Alerting;

/// <summary>
/// The rule alerts API: <c>GET /api/v1/alerts?state=pending|firing&amp;rule=</c> →
/// <c>{"alerts":[{"fingerprint","rule","labels","annotations","state","activeAt","firedAt","value"}]}</c> (the current
/// pending and firing alerts), and <c>GET /api/v1/alerts/history?from=&amp;to=&amp;rule=&amp;limit=</c> →
/// <c>{"events":[{"time","fingerprint","rule","labels","from","to","value"}]}</c> (transitions, newest first; default the
/// last 24 hours, limit 100, at most 10,000). Times are RFC 3339 (UTC, milliseconds); <c>value</c> is null for NaN;
/// <c>firedAt</c> null while pending. Bad parameters: 400 <c>{"error": ...}</c> naming the parameter. Guarded by the
/// read token when one is configured.
/// </summary>
internal sealed class AlertEndpoints
{
    private readonly AlertStateView _view;
    private readonly AlertHistoryStore _history;
    private readonly ServerOptions _options;
    private readonly ServerMetrics _metrics;

    public AlertEndpoints(AlertStateView view, AlertHistoryStore history, ServerOptions options, ServerMetrics metrics)
    {
        _view = view;
        _history = history;
        _options = options;
        _metrics = metrics;
    }

    public void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1/alerts").AddEndpointFilter(async (context, next) =>
        {
            var ctx = context.HttpContext;
            if (!BearerAuth.CanRead(ctx, _options))
            {
                BearerAuth.Challenge(ctx);
                _metrics.Request("alerts", 401);
                return Results.Json(new { error = "this server requires a read token: send Authorization: Bearer <token>" }, statusCode: 401);
            }

            try
            {
                var result = await next(context).ConfigureAwait(false);
                _metrics.Request("alerts", 200);
                return result;
            }
            catch (QueryException e)
            {
                _metrics.Request("alerts", 400);
                return Results.Json(new { error = e.Message }, statusCode: 400);
            }
        });
        api.MapGet("/", Alerts);
        api.MapGet("/history", History);
    }

    private IResult Alerts(HttpRequest request)
    {
        AlertState? state = QueryParameters.Text(request, "state") switch
        {
            null => null,
            "pending" => AlertState.Pending,
            "firing" => AlertState.Firing,
            var other => throw new QueryException($"parameter \"state\": \"{other}\" is neither pending nor firing"),
        };
        var alerts = _view.Snapshot(state, QueryParameters.Text(request, "rule"));
        return Write(json =>
        {
            json.WriteStartArray("alerts");
            foreach (var a in alerts)
            {
                json.WriteStartObject();
                json.WriteString("fingerprint", Alert.FormatFingerprint(a.Fingerprint));
                json.WriteString("rule", a.Rule);
                WriteLabels(json, "labels", a.Labels);
                WriteLabels(json, "annotations", a.Annotations);
                json.WriteString("state", AlertStateChange.Name(a.State));
                WriteTime(json, "activeAt", a.ActiveAt);
                WriteTime(json, "firedAt", a.FiredAt);
                WriteValue(json, a.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private IResult History(HttpRequest request)
    {
        long now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        long from = QueryParameters.Time(request, "from", now - 86_400_000);
        long to = QueryParameters.Time(request, "to", long.MaxValue);
        int limit = QueryParameters.Int(request, "limit", 100, 1, 10_000);
        var events = _history.Query(from, to, QueryParameters.Text(request, "rule"), limit);
        return Write(json =>
        {
            json.WriteStartArray("events");
            foreach (var e in events)
            {
                json.WriteStartObject();
                WriteTime(json, "time", e.Time);
                json.WriteString("fingerprint", Alert.FormatFingerprint(e.Fingerprint));
                json.WriteString("rule", e.Rule);
                WriteLabels(json, "labels", e.Labels);
                json.WriteString("from", AlertStateChange.Name(e.From));
                json.WriteString("to", AlertStateChange.Name(e.To));
                WriteValue(json, e.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private static IResult Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    private static void WriteLabels(Utf8JsonWriter json, string name, Labels labels)
    {
        json.WriteStartObject(name);
        foreach (var label in labels.AsSpan())
        {
            json.WriteString(label.Name, label.Value);
        }

        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, Timestamp time)
    {
        if (time.HasValue)
        {
            json.WriteString(name, time.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber("value", value);
        }
        else
        {
            json.WriteNull("value");
        }
    }
}

using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Flinq.Monitor.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Query;

internal sealed partial class QueryEndpoints
{
    /// <summary>
    /// <c>GET /api/v1/traces/{traceId}</c>: every span of the trace as a tree (roots are spans without a parent
    /// or whose parent was not received), children ordered by start; 404 when no span has that id.
    /// </summary>
    private static object Trace(DuckDBConnection c, string traceId)
    {
        if (!TraceId.TryParse(traceId, out var id) || id.IsEmpty)
        {
            throw new QueryException($"\"{traceId}\" is not a trace id (32 hex digits, not all zero)");
        }

        var spans = new List<(string SpanId, string Parent, JsonObject Node)>();
        using (var cmd = Command(c, "SELECT span_id, parent_span_id, name, service, kind, start_ns, duration_ns, status, status_message, attributes, events FROM spans WHERE trace_id = ? ORDER BY start_ns, span_id", [id.ToString()]))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var node = new JsonObject
                {
                    ["spanId"] = reader.GetString(0),
                    ["parentSpanId"] = reader.GetString(1),
                    ["name"] = reader.GetString(2),
                    ["service"] = reader.GetString(3),
                    ["kind"] = ((SpanKind)reader.GetInt32(4)).ToString(),
                    ["startUnixNano"] = reader.GetInt64(5),
                    ["durationNanos"] = reader.GetInt64(6),
                    ["status"] = ((SpanStatusCode)reader.GetInt32(7)).ToString(),
                    ["statusMessage"] = reader.GetString(8),
                    ["attributes"] = JsonNode.Parse(reader.GetString(9)),
                    ["events"] = JsonNode.Parse(reader.GetString(10)),
                    ["children"] = new JsonArray(),
                };
                spans.Add((reader.GetString(0), reader.GetString(1), node));
            }
        }

        if (spans.Count == 0)
        {
            return Results.Json(new { status = "error", error = $"no spans of trace {id} are stored" }, statusCode: 404);
        }

        var byId = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (spanId, _, node) in spans)
        {
            byId.TryAdd(spanId, node);
        }

        var roots = new JsonArray();
        foreach (var (spanId, parent, node) in spans)
        {
            if (parent.Length > 0 && parent != spanId && byId.TryGetValue(parent, out var parentNode))
            {
                parentNode["children"]!.AsArray().Add(node);
            }
            else
            {
                roots.Add(node);
            }
        }

        return new JsonObject { ["traceId"] = id.ToString(), ["spanCount"] = spans.Count, ["roots"] = roots };
    }

    /// <summary>
    /// <c>GET /api/v1/traces?service&amp;name&amp;minDuration&amp;maxDuration&amp;status&amp;start&amp;end&amp;limit</c>: traces
    /// having a span that matches every filter (status <c>unset</c>, <c>ok</c> or <c>error</c>), newest first,
    /// each with its root span, start, duration (first start to last end), span and error counts.
    /// </summary>
    private static JsonArray SearchTraces(DuckDBConnection c, HttpRequest r)
    {
        long end = QueryParameters.Time(r, "end", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);
        long start = QueryParameters.Time(r, "start", end - 3_600_000);
        int limit = QueryParameters.Int(r, "limit", 20, 1, 1000);
        var service = QueryParameters.Text(r, "service");
        var name = QueryParameters.Text(r, "name");
        var min = QueryParameters.Duration(r, "minDuration");
        var max = QueryParameters.Duration(r, "maxDuration");
        var statusText = QueryParameters.Text(r, "status");
        int? status = statusText?.ToUpperInvariant() switch
        {
            null => null,
            "UNSET" => (int)SpanStatusCode.Unset,
            "OK" => (int)SpanStatusCode.Ok,
            "ERROR" => (int)SpanStatusCode.Error,
            _ => throw new QueryException($"parameter \"status\": \"{statusText}\" is not unset, ok or error"),
        };
        var filter = new SqlFilter().Add("start_ns >= ? * 1000000 AND start_ns < ? * 1000000", start, end)
            .AddIf(service is not null, "service = ?", service)
            .AddIf(name is not null, "name = ?", name)
            .AddIf(min is not null, "duration_ns >= ?", (min?.Ticks ?? 0) * 100)
            .AddIf(max is not null, "duration_ns <= ?", (max?.Ticks ?? 0) * 100)
            .AddIf(status is not null, "status = ?", status);
        var sql = $"""
            WITH hits AS (SELECT DISTINCT trace_id FROM spans{filter})
            SELECT s.trace_id, min(s.start_ns) AS first, max(s.start_ns + s.duration_ns) - min(s.start_ns) AS duration, count(*) AS spans,
              count(*) FILTER (WHERE s.status = 2) AS errors,
              arg_min(s.service, CASE WHEN s.parent_span_id = '' THEN 0 ELSE 1 END * 1e19 + s.start_ns) AS root_service,
              arg_min(s.name, CASE WHEN s.parent_span_id = '' THEN 0 ELSE 1 END * 1e19 + s.start_ns) AS root_name
            FROM spans s JOIN hits USING (trace_id)
            GROUP BY s.trace_id ORDER BY first DESC LIMIT {limit}
            """;
        var traces = new JsonArray();
        using var cmd = Command(c, sql, filter.Arguments);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            traces.Add(new JsonObject
            {
                ["traceId"] = reader.GetString(0),
                ["startUnixNano"] = reader.GetInt64(1),
                ["durationNanos"] = reader.GetInt64(2),
                ["spanCount"] = reader.GetInt64(3),
                ["errorCount"] = reader.GetInt64(4),
                ["rootService"] = reader.GetString(5),
                ["rootName"] = reader.GetString(6),
            });
        }

        return traces;
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Flinq.Monitor.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Query;

internal sealed partial class QueryEndpoints
{
    /// <summary>
    /// <c>GET /api/v1/logs?start&amp;end&amp;service&amp;host&amp;severity&amp;q&amp;regex&amp;limit&amp;cursor</c>: records with
    /// <c>start &lt;= ts &lt; end</c> (default the last hour), newest first. <c>severity</c> is a minimum (a level
    /// word such as <c>warn</c> or a number 1-24); <c>q</c> a case-insensitive substring of the body;
    /// <c>regex</c> an RE2 expression matched against the body. <c>next</c> in the answer is the cursor of
    /// the following page (null on the last page).
    /// </summary>
    private static JsonObject SearchLogs(DuckDBConnection c, HttpRequest r)
    {
        long end = QueryParameters.Time(r, "end", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);
        long start = QueryParameters.Time(r, "start", end - 3_600_000);
        int limit = QueryParameters.Int(r, "limit", 100, 1, 5000);
        var service = QueryParameters.Text(r, "service");
        var host = QueryParameters.Text(r, "host");
        var q = QueryParameters.Text(r, "q");
        var regex = QueryParameters.Text(r, "regex");
        var severityText = QueryParameters.Text(r, "severity");
        int severity = 0;
        if (severityText is not null)
        {
            severity = int.TryParse(severityText, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 24
                ? n
                : Severity.NumberOf(severityText);
            if (severity == 0)
            {
                throw new QueryException($"parameter \"severity\": \"{severityText}\" is not a level (trace, debug, info, warn, error, fatal) or a number 1-24");
            }
        }

        var filter = new SqlFilter().Add("ts >= ? AND ts < ?", start, end)
            .AddIf(service is not null, "service = ?", service)
            .AddIf(host is not null, "host = ?", host)
            .AddIf(severity > 0, "severity >= ?", severity)
            .AddIf(q is not null, "contains(lower(body), lower(?))", q)
            .AddIf(regex is not null, "regexp_matches(body, ?)", regex);
        if (QueryParameters.Text(r, "cursor") is { } cursor)
        {
            var parts = cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ts)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long row))
            {
                throw new QueryException($"parameter \"cursor\": \"{cursor}\" is not a cursor from a previous answer's \"next\"");
            }

            filter.Add("ts < ? OR (ts = ? AND rowid < ?)", ts, ts, row);
        }

        var logs = new JsonArray();
        string? next = null;
        using (var cmd = Command(c, $"SELECT ts, observed_ts, severity, severity_text, body, service, host, trace_id, span_id, attributes, rowid FROM logs{filter} ORDER BY ts DESC, rowid DESC LIMIT {limit + 1}", filter.Arguments))
        using (var reader = cmd.ExecuteReader())
        {
            long lastTs = 0, lastRow = 0;
            while (reader.Read())
            {
                if (logs.Count == limit)
                {
                    next = string.Create(CultureInfo.InvariantCulture, $"{lastTs}_{lastRow}");
                    break;
                }

                lastTs = reader.GetInt64(0);
                lastRow = reader.GetInt64(10);
                int number = reader.GetInt32(2);
                logs.Add(new JsonObject
                {
                    ["timestamp"] = lastTs,
                    ["observedTimestamp"] = reader.IsDBNull(1) ? null : reader.GetInt64(1),
                    ["severityNumber"] = number,
                    ["severityText"] = reader.GetString(3),
                    ["level"] = Severity.TextOf(Severity.LevelOf(number)),
                    ["body"] = reader.GetString(4),
                    ["service"] = reader.GetString(5),
                    ["host"] = reader.GetString(6),
                    ["traceId"] = reader.GetString(7),
                    ["spanId"] = reader.GetString(8),
                    ["attributes"] = JsonNode.Parse(reader.GetString(9)),
                });
            }
        }

        return new JsonObject { ["logs"] = logs, ["next"] = next };
    }
}

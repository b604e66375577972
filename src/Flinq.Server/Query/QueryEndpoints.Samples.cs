using System.Globalization;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Query;

internal sealed partial class QueryEndpoints
{
    /// <summary>
    /// <c>GET /api/v1/samples?metric=&amp;start=&amp;end=&amp;label.NAME=VALUE&amp;limit=</c>: the raw samples
    /// (<c>start &lt;= t &lt; end</c>) of each matching series with all its labels, in time order; at most
    /// <c>limit</c> (default 100,000) samples in all. NaN and infinities are strings, as in Prometheus.
    /// </summary>
    private static JsonArray Samples(DuckDBConnection c, HttpRequest r)
    {
        var metric = QueryParameters.Text(r, "metric") ?? throw new QueryException("parameter \"metric\" is required");
        long end = QueryParameters.Time(r, "end", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);
        long start = QueryParameters.Time(r, "start", end - 3_600_000);
        int limit = QueryParameters.Int(r, "limit", 100_000, 1, 1_000_000);
        var filter = new SqlFilter().Add("name = ?", metric);
        foreach (var (key, value) in r.Query)
        {
            if (key.StartsWith("label.", StringComparison.Ordinal))
            {
                filter.Add("json_extract_string(labels, ?) = ?", QueryParameters.JsonPath(key[6..]), value.ToString());
            }
        }

        var args = new List<object?>(filter.Arguments) { start, end };
        var series = new JsonArray();
        using var cmd = Command(c, $"""
            WITH m AS (SELECT id, labels, kind FROM series{filter})
            SELECT m.id, m.labels, m.kind, ts, value FROM samples JOIN m ON samples.series_id = m.id
            WHERE ts >= ? AND ts < ? ORDER BY m.labels, m.id, ts LIMIT {limit}
            """, args);
        using var reader = cmd.ExecuteReader();
        long current = 0;
        JsonArray? points = null;
        while (reader.Read())
        {
            long id = reader.GetInt64(0);
            if (points is null || id != current)
            {
                current = id;
                points = new JsonArray();
                series.Add(new JsonObject { ["labels"] = JsonNode.Parse(reader.GetString(1)), ["kind"] = reader.GetInt32(2), ["points"] = points });
            }

            double value = reader.GetDouble(4);
            points.Add(new JsonArray(reader.GetInt64(3), double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture))));
        }

        return series;
    }
}

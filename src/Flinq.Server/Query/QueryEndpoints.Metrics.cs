using System.Globalization;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Query;

internal sealed partial class QueryEndpoints
{
    private static readonly string[] s_aggregations = ["avg", "min", "max", "sum", "count", "rate", "increase", "p50", "p90", "p95", "p99"];

    /// <summary>
    /// <c>GET /api/v1/query_range?metric=&amp;start=&amp;end=&amp;step=&amp;agg=&amp;by=l1,l2&amp;label.NAME=VALUE</c>:
    /// the samples of the metric's series that match every <c>label.*</c> filter, in buckets
    /// <c>[start + k*step, start + (k+1)*step)</c> with <c>start &lt;= t &lt; end</c>, aggregated per bucket over all
    /// series that share the <c>by</c> labels. <c>rate</c> and <c>increase</c> follow Prometheus (see
    /// <see cref="RateSql"/>), per series and bucket, summed per group. When step, start and
    /// end are whole minutes and the aggregation is avg/min/max/sum/count, the 1-minute rollups answer.
    /// </summary>
    private static JsonObject QueryRange(DuckDBConnection c, HttpRequest r)
    {
        var metric = QueryParameters.Text(r, "metric") ?? throw new QueryException("parameter \"metric\" is required");
        long end = QueryParameters.Time(r, "end", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        long start = QueryParameters.Time(r, "start", end - 3_600_000);
        long step = (long)(QueryParameters.Duration(r, "step") ?? TimeSpan.FromMinutes(1)).TotalMilliseconds;
        var agg = QueryParameters.Text(r, "agg") ?? "avg";
        if (step <= 0)
        {
            throw new QueryException("parameter \"step\" must be positive");
        }

        if (end < start)
        {
            throw new QueryException("parameter \"end\" is before \"start\"");
        }

        if ((end - start) / step > 11_000)
        {
            throw new QueryException($"the range has {(end - start) / step} steps; at most 11000 are allowed: raise \"step\"");
        }

        if (!s_aggregations.Contains(agg))
        {
            throw new QueryException($"parameter \"agg\": \"{agg}\" is not one of {string.Join(", ", s_aggregations)}");
        }

        var by = (QueryParameters.Text(r, "by") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
        var seriesFilter = new SqlFilter().Add("name = ?", metric);
        foreach (var (key, value) in r.Query)
        {
            if (key.StartsWith("label.", StringComparison.Ordinal))
            {
                seriesFilter.Add("json_extract_string(labels, ?) = ?", QueryParameters.JsonPath(key[6..]), value.ToString());
            }
        }

        var groupArgs = by.Select(l => (object?)QueryParameters.JsonPath(l)).ToList();
        var groupSelect = string.Concat(by.Select((_, i) => $"json_extract_string(labels, ?) AS g{i}, "));
        var groupCols = string.Concat(by.Select((_, i) => $"g{i}, "));
        bool rollup = step % 60_000 == 0 && start % 60_000 == 0 && end % 60_000 == 0 && agg is "avg" or "min" or "max" or "sum" or "count";
        string sql;
        var args = new List<object?>(groupArgs);
        args.AddRange(seriesFilter.Arguments);
        string matched = $"SELECT id, {groupSelect}0 AS unused FROM series{seriesFilter}";
        if (rollup)
        {
            string expr = agg switch
            {
                "avg" => "sum(sum) / sum(count)",
                "min" => "min(min)",
                "max" => "max(max)",
                "sum" => "sum(sum)",
                _ => "sum(count)::DOUBLE",
            };
            sql = $"""
                WITH m AS ({matched})
                SELECT {groupCols}(minute * 60000 - ?) // ? AS bucket, {expr} AS v
                FROM samples_1m JOIN m ON samples_1m.series_id = m.id
                WHERE minute >= ? AND minute < ?
                GROUP BY ALL ORDER BY ALL
                """;
            args.AddRange([start, step, start / 60_000, end / 60_000]);
        }
        else if (agg is "rate" or "increase")
        {
            sql = RateSql(matched, groupCols, perSecond: agg == "rate");
            args.AddRange([start, step, start, end, start, step, start, step, start, step, end, start, step, end, start, step]);
        }
        else
        {
            string expr = agg switch
            {
                "p50" => "quantile_cont(value, 0.5)",
                "p90" => "quantile_cont(value, 0.9)",
                "p95" => "quantile_cont(value, 0.95)",
                "p99" => "quantile_cont(value, 0.99)",
                "count" => "count(*)::DOUBLE",
                _ => agg + "(value)",
            };
            sql = $"""
                WITH m AS ({matched})
                SELECT {groupCols}(ts - ?) // ? AS bucket, {expr} AS v
                FROM samples JOIN m ON samples.series_id = m.id
                WHERE ts >= ? AND ts < ?
                GROUP BY ALL ORDER BY ALL
                """;
            args.AddRange([start, step, start, end]);
        }

        var groups = new Dictionary<string, (JsonObject Labels, JsonArray Points)>(StringComparer.Ordinal);
        var result = new JsonArray();
        using (var cmd = Command(c, sql, args))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = string.Join('\u0001', Enumerable.Range(0, by.Length).Select(i => reader.IsDBNull(i) ? "\u0002" : reader.GetString(i)));
                if (!groups.TryGetValue(key, out var group))
                {
                    var labels = new JsonObject();
                    for (int i = 0; i < by.Length; i++)
                    {
                        if (!reader.IsDBNull(i))
                        {
                            labels[by[i]] = reader.GetString(i);
                        }
                    }

                    group = (labels, new JsonArray());
                    groups[key] = group;
                    result.Add(new JsonObject { ["labels"] = group.Labels, ["points"] = group.Points });
                }

                long bucket = Convert.ToInt64(reader.GetValue(by.Length), CultureInfo.InvariantCulture);
                double value = reader.IsDBNull(by.Length + 1) ? double.NaN : Convert.ToDouble(reader.GetValue(by.Length + 1), CultureInfo.InvariantCulture);
                group.Points.Add(new JsonArray(start + (bucket * step), double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture))));
            }
        }

        return new JsonObject
        {
            ["metric"] = metric,
            ["agg"] = agg,
            ["start"] = start,
            ["end"] = end,
            ["stepMs"] = step,
            ["source"] = rollup ? "rollup_1m" : "raw",
            ["series"] = result,
        };
    }

    /// <summary>
    /// The SQL of <c>rate</c> and <c>increase</c>: Prometheus' <c>extrapolatedRate</c> per series, with each bucket
    /// <c>[bucket start, min(bucket end, end))</c> as the range. Inside a bucket, consecutive samples add
    /// <c>value - previous</c>, or <c>value</c> when the value went down (a counter reset: the counter restarted
    /// from zero). The increase between the first and last sample is then extrapolated towards the bucket's
    /// edges: fully when the gap to an edge is below 1.1 average sample intervals, else by half an interval;
    /// towards the start never below the point where the counter would have been zero. A series needs two
    /// samples with different timestamps in a bucket. <c>rate</c> divides by the bucket length in seconds.
    /// One window per series (not per series and bucket: many tiny partitions are slow in DuckDB); a pair whose
    /// previous sample lies in an earlier bucket adds nothing. Parameters after those of <paramref name="matched"/>:
    /// start, step (bucket), start, end (filter), start, step (bucket start, for pairs), start, step (to_start),
    /// start, step, end (to_end), start, step, end, start, step (range).
    /// </summary>
    private static string RateSql(string matched, string groupCols, bool perSecond) => $"""
        WITH m AS ({matched}),
        d AS (
          SELECT {groupCols}series_id, (ts - ?) // ? AS bucket, ts, value, lag(value) OVER w AS prev, lag(ts) OVER w AS prev_ts
          FROM samples JOIN m ON samples.series_id = m.id
          WHERE ts >= ? AND ts < ?
          WINDOW w AS (PARTITION BY series_id ORDER BY ts)),
        per AS (
          SELECT {groupCols}series_id, bucket, count(*) AS n, min(ts) AS t0, max(ts) AS t1, arg_min(value, ts) AS v0,
            sum(CASE WHEN prev IS NULL OR prev_ts < ? + bucket * ? THEN 0 WHEN value < prev THEN value ELSE value - prev END) AS inc
          FROM d GROUP BY ALL HAVING count(*) >= 2 AND max(ts) > min(ts)),
        edges AS (
          SELECT *, (t1 - t0) / 1000.0 AS sampled, (t1 - t0) / 1000.0 / (n - 1) AS avg_gap,
            (t0 - (? + bucket * ?)) / 1000.0 AS to_start, (least(? + (bucket + 1) * ?, ?) - t1) / 1000.0 AS to_end,
            (least(? + (bucket + 1) * ?, ?) - (? + bucket * ?)) / 1000.0 AS range_s
          FROM per),
        ext AS (
          SELECT *,
            CASE WHEN to_start >= 1.1 * avg_gap THEN avg_gap / 2 ELSE to_start END AS ds0,
            CASE WHEN to_end >= 1.1 * avg_gap THEN avg_gap / 2 ELSE to_end END AS de
          FROM edges),
        r AS (
          SELECT *, CASE WHEN inc > 0 AND v0 >= 0 AND sampled * (v0 / inc) < ds0 THEN sampled * (v0 / inc) ELSE ds0 END AS ds
          FROM ext)
        SELECT {groupCols}bucket, sum(inc * (sampled + ds + de) / sampled{(perSecond ? " / range_s" : string.Empty)}) AS v
        FROM r GROUP BY ALL ORDER BY ALL
        """;
}

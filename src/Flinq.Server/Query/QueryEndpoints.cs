using System.Data.Common;
using DuckDB.NET.Data;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Flinq.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flinq.Server.Query;

/// <summary>
/// The JSON query API over the store: metric names, label names and values, range queries, log search,
/// traces. Every answer is <c>{"status":"success","data":...}</c> or 400 <c>{"status":"error","error":...}</c>.
/// </summary>
internal sealed partial class QueryEndpoints
{
    private readonly TelemetryStore _store;
    private readonly ServerOptions _options;
    private readonly ServerMetrics _metrics;

    public QueryEndpoints(TelemetryStore store, ServerOptions options, ServerMetrics metrics)
    {
        _store = store;
        _options = options;
        _metrics = metrics;
    }

    public void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter(async (context, next) =>
        {
            var ctx = context.HttpContext;
            if (!BearerAuth.CanRead(ctx, _options))
            {
                BearerAuth.Challenge(ctx);
                _metrics.Request("query", 401);
                return Results.Json(new { status = "error", error = "this server requires a read token: send Authorization: Bearer <token>" }, statusCode: 401);
            }

            try
            {
                var result = await next(context).ConfigureAwait(false);
                _metrics.Request("query", 200);
                return result;
            }
            catch (QueryException e)
            {
                _metrics.Request("query", 400);
                return Results.Json(new { status = "error", error = e.Message }, statusCode: 400);
            }
        });
        api.MapGet("/metric_names", (HttpRequest r) => Run(r, MetricNames));
        api.MapGet("/labels", (HttpRequest r) => Run(r, LabelNames));
        api.MapGet("/label/{name}/values", (HttpRequest r, string name) => Run(r, (c, q) => LabelValues(c, q, name)));
        api.MapGet("/query_range", (HttpRequest r) => Run(r, QueryRange));
        api.MapGet("/samples", (HttpRequest r) => Run(r, Samples));
        api.MapGet("/logs", (HttpRequest r) => Run(r, SearchLogs));
        api.MapGet("/traces", (HttpRequest r) => Run(r, SearchTraces));
        api.MapGet("/traces/{traceId}", (HttpRequest r, string traceId) => Run(r, (c, q) => Trace(c, traceId)));
    }

    private IResult Run(HttpRequest request, Func<DuckDBConnection, HttpRequest, object?> query)
    {
        using var connection = _store.OpenReader();
        object? data;
        try
        {
            data = query(connection, request);
        }
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            throw new QueryException("the query failed: " + e.Message, e);
        }

        return data is IResult result ? result : Results.Json(new { status = "success", data });
    }

    private static List<string> MetricNames(DuckDBConnection c, HttpRequest r)
    {
        var match = QueryParameters.Text(r, "match");
        var filter = new SqlFilter().AddIf(match is not null, "contains(name, ?)", match);
        return Strings(c, $"SELECT DISTINCT name FROM series{filter} ORDER BY name", filter.Arguments);
    }

    private static List<string> LabelNames(DuckDBConnection c, HttpRequest r)
    {
        var metric = QueryParameters.Text(r, "metric");
        var filter = new SqlFilter().AddIf(metric is not null, "name = ?", metric);
        return Strings(c, $"SELECT DISTINCT k FROM (SELECT unnest(json_keys(labels)) AS k FROM series{filter}) ORDER BY k", filter.Arguments);
    }

    private static List<string> LabelValues(DuckDBConnection c, HttpRequest r, string name)
    {
        var metric = QueryParameters.Text(r, "metric");
        var filter = new SqlFilter().AddIf(metric is not null, "name = ?", metric);
        var args = new List<object?> { QueryParameters.JsonPath(name) };
        args.AddRange(filter.Arguments);
        return Strings(c, $"SELECT DISTINCT v FROM (SELECT json_extract_string(labels, ?) AS v FROM series{filter}) WHERE v IS NOT NULL ORDER BY v", args);
    }

    private static List<string> Strings(DuckDBConnection c, string sql, IEnumerable<object?> args)
    {
        using var cmd = Command(c, sql, args);
        using var reader = cmd.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    internal static DuckDBCommand Command(DuckDBConnection c, string sql, IEnumerable<object?> args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new DuckDBParameter(arg ?? DBNull.Value));
        }

        return cmd;
    }

    private static string? NullableString(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}

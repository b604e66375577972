using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Influx;
using Flinq.Monitor.Ingest.Otlp;
using Flinq.Monitor.Jobs;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Ingest;

/// <summary>
/// The write endpoints. Each reads the body (size-limited, gzip undone), decodes it with the existing
/// decoders, queues the batch into the storage job's <see cref="IngestSource{T}"/> and answers once the
/// batch is committed: 2xx means durable. Bad bodies get 400 with the reason (line, offset, field),
/// bodies over the limit 413, a full queue or a slow commit 503 with Retry-After.
/// </summary>
internal sealed partial class IngestEndpoints
{
    private delegate IngestResult Decode(Decoders decoders, ReadOnlySpan<byte> body, TelemetryBatch batch);

    private readonly IngestSource<TelemetryBatch> _source;
    private readonly ServerOptions _options;
    private readonly IngestOptions _ingestOptions;
    private readonly ServerMetrics _metrics;

    public IngestEndpoints(IngestSource<TelemetryBatch> source, ServerOptions options, IngestOptions ingestOptions, ServerMetrics metrics)
    {
        _source = source;
        _options = options;
        _ingestOptions = ingestOptions;
        _metrics = metrics;
    }

    public void Map(WebApplication app)
    {
        app.MapPost("/v1/metrics", ctx => Otlp(ctx, "otlp_metrics", "metrics",
            static (d, body, b) => d.OtlpMetrics.DecodeProtobuf(body, b.Metrics), static (d, body, b) => d.OtlpMetrics.DecodeJson(body, b.Metrics),
            OtlpResponses.MetricsProtobuf, OtlpResponses.MetricsJson));
        app.MapPost("/v1/logs", ctx => Otlp(ctx, "otlp_logs", "logs",
            static (d, body, b) => d.OtlpLogs.DecodeProtobuf(body, b.Logs), static (d, body, b) => d.OtlpLogs.DecodeJson(body, b.Logs),
            OtlpResponses.LogsProtobuf, OtlpResponses.LogsJson));
        app.MapPost("/v1/traces", ctx => Otlp(ctx, "otlp_traces", "spans",
            static (d, body, b) => d.OtlpTraces.DecodeProtobuf(body, b.Spans), static (d, body, b) => d.OtlpTraces.DecodeJson(body, b.Spans),
            OtlpResponses.TracesProtobuf, OtlpResponses.TracesJson));
        app.MapPost("/api/v1/write", RemoteWrite);
        app.MapPost("/write", ctx => Influx(ctx, "influx_v1"));
        app.MapPost("/api/v2/write", ctx => Influx(ctx, "influx_v2"));
        app.MapPost("/api/v1/ingest/metrics", ctx => JsonLines(ctx, "jsonl_metrics", "metrics"));
        app.MapPost("/api/v1/ingest/logs", ctx => JsonLines(ctx, "jsonl_logs", "logs"));
    }

    private async Task Otlp(HttpContext ctx, string endpoint, string signal, Decode protobuf, Decode json,
        Func<IngestResult, byte[]> protobufResponse, Func<IngestResult, string> jsonResponse)
    {
        var contentType = ctx.Request.ContentType ?? string.Empty;
        bool isJson = contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        bool isProtobuf = contentType.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/protobuf", StringComparison.OrdinalIgnoreCase);
        var errors = new OtlpErrorWriter(isJson);
        if (!isJson && !isProtobuf)
        {
            await Finish(ctx, endpoint, errors.Write(ctx, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type \"{contentType}\" is not supported; send application/x-protobuf or application/json")).ConfigureAwait(false);
            return;
        }

        var outcome = await Ingest(ctx, endpoint, signal, ctx.Request.Headers.ContentEncoding, isJson ? json : protobuf).ConfigureAwait(false);
        if (outcome.Status != StatusCodes.Status200OK)
        {
            await Finish(ctx, endpoint, errors.Write(ctx, outcome.Status, outcome.Message!, outcome.RetryAfter)).ConfigureAwait(false);
            return;
        }

        ctx.Response.StatusCode = StatusCodes.Status200OK;
        if (isJson)
        {
            ctx.Response.ContentType = "application/json";
            await Finish(ctx, endpoint, ctx.Response.WriteAsync(jsonResponse(outcome.Result!))).ConfigureAwait(false);
        }
        else
        {
            ctx.Response.ContentType = "application/x-protobuf";
            await Finish(ctx, endpoint, ctx.Response.Body.WriteAsync(protobufResponse(outcome.Result!)).AsTask()).ConfigureAwait(false);
        }
    }

    private async Task RemoteWrite(HttpContext ctx)
    {
        const string Endpoint = "remote_write";
        var encoding = ctx.Request.Headers.ContentEncoding.ToString();
        if (encoding.Length > 0 && !encoding.Equals("snappy", StringComparison.OrdinalIgnoreCase))
        {
            await Finish(ctx, Endpoint, JsonError(ctx, StatusCodes.Status400BadRequest, $"Content-Encoding \"{encoding}\" is not supported; remote_write bodies are snappy-compressed (Content-Encoding: snappy)")).ConfigureAwait(false);
            return;
        }

        // The snappy block is undone by the decoder, so the body is read as is.
        var outcome = await Ingest(ctx, Endpoint, "samples", default, static (d, body, b) => d.RemoteWrite.Decode(body, b.Metrics)).ConfigureAwait(false);
        await Finish(ctx, Endpoint, TextOutcome(ctx, outcome, StatusCodes.Status204NoContent)).ConfigureAwait(false);
    }

    private async Task Influx(HttpContext ctx, string endpoint)
    {
        var precisionText = ctx.Request.Query["precision"].ToString();
        if (!InfluxPrecisionParser.TryParse(precisionText, out var precision))
        {
            await Finish(ctx, endpoint, JsonError(ctx, StatusCodes.Status400BadRequest, $"precision \"{precisionText}\" is not valid; use ns, us, ms or s (v1 also n, u, m, h)", field: "precision")).ConfigureAwait(false);
            return;
        }

        var outcome = await Ingest(ctx, endpoint, "lines", ctx.Request.Headers.ContentEncoding,
            (d, body, b) => d.Influx.Decode(body, precision, b.Metrics)).ConfigureAwait(false);
        await Finish(ctx, endpoint, TextOutcome(ctx, outcome, StatusCodes.Status204NoContent)).ConfigureAwait(false);
    }

    private async Task JsonLines(HttpContext ctx, string endpoint, string signal)
    {
        // Both JSON-lines endpoints take either event shape (the decoder tells a metric event, with "fields",
        // from a log event, with "message" or "level"); the two paths exist so collectors can route by signal.
        var outcome = await Ingest(ctx, endpoint, signal, ctx.Request.Headers.ContentEncoding,
            static (d, body, b) => d.JsonLines.Decode(body, b.Metrics, b.Logs)).ConfigureAwait(false);
        if (outcome.Status == StatusCodes.Status200OK && outcome.Result is { } result)
        {
            // The JSON-lines endpoints always say what happened, also on success.
            ctx.Response.StatusCode = result.Rejected > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            await Finish(ctx, endpoint, ctx.Response.WriteAsJsonAsync(IngestReport.From(result, null))).ConfigureAwait(false);
            return;
        }

        await Finish(ctx, endpoint, TextOutcome(ctx, outcome, StatusCodes.Status200OK)).ConfigureAwait(false);
    }

    private async Task Finish(HttpContext ctx, string endpoint, Task write)
    {
        await write.ConfigureAwait(false);
        _metrics.Request(endpoint, ctx.Response.StatusCode);
    }
}

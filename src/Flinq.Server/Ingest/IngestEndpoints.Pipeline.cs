using Flinq.Monitor.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Flinq.Server.Ingest;

internal sealed partial class IngestEndpoints
{
    /// <summary>What happened to one write: 200 with the decoder's result, or a status and a reason.</summary>
    private readonly record struct Outcome(int Status, IngestResult? Result, string? Message, IngestError? Error = null, TimeSpan? RetryAfter = null);

    private async Task<Outcome> Ingest(HttpContext ctx, string endpoint, string signal, StringValues contentEncoding, Decode decode)
    {
        if (!BearerAuth.CanWrite(ctx, _options))
        {
            BearerAuth.Challenge(ctx);
            return new Outcome(StatusCodes.Status401Unauthorized, null, "this server requires a write token: send Authorization: Bearer <token>");
        }

        if (ctx.Request.ContentLength > _options.MaxBodyBytes)
        {
            return TooLarge(ctx.Request.ContentLength.Value);
        }

        IngestBody body;
        try
        {
            body = await IngestBody.ReadAsync(ctx.Request.Body, contentEncoding.Count == 0 ? null : contentEncoding.ToString(), _options.MaxBodyBytes, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (IngestBodyException e)
        {
            return e.IsTooLarge ? TooLarge(null) : new Outcome(StatusCodes.Status400BadRequest, null, e.Error.ToString(), e.Error);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(null);
        }

        var batch = new TelemetryBatch();
        IngestResult result;
        using (body)
        {
            result = decode(Decoders.For(_ingestOptions), body.Span, batch);
        }

        if (result.BodyError is { } bodyError)
        {
            _metrics.Items(signal, "rejected", 1);
            return new Outcome(StatusCodes.Status400BadRequest, result, bodyError.ToString(), bodyError);
        }

        _metrics.Items(signal, "rejected", result.Rejected);
        _metrics.Items(signal, "dropped", result.Dropped);
        if (batch.Count > 0)
        {
            if (!_source.TryWrite(batch, batch.Count))
            {
                _metrics.Items(signal, "throttled", result.Accepted);
                return new Outcome(StatusCodes.Status503ServiceUnavailable, null,
                    $"the ingest queue is full ({_source.QueuedWeight} of {_source.Capacity} items queued); retry later", RetryAfter: TimeSpan.FromSeconds(1));
            }

            try
            {
                await batch.Stored.WaitAsync(_options.CommitTimeout, ctx.RequestAborted).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return new Outcome(StatusCodes.Status503ServiceUnavailable, null,
                    $"storage did not commit the batch within {_options.CommitTimeout.TotalSeconds:0.#} s; retry later (the batch may be stored twice)", RetryAfter: TimeSpan.FromSeconds(5));
            }
#pragma warning disable CA1031 // any storage failure is reported to the client as retryable
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return new Outcome(StatusCodes.Status503ServiceUnavailable, null, "storage failed to commit the batch: " + e.Message + "; retry later", RetryAfter: TimeSpan.FromSeconds(5));
            }
        }

        _metrics.Items(signal, "accepted", result.Accepted);
        return new Outcome(StatusCodes.Status200OK, result, null);
    }

    private Outcome TooLarge(long? length) => new(StatusCodes.Status413PayloadTooLarge, null,
        (length is { } n ? $"the body has {n} bytes" : "the body") + $" exceeds the limit of {_options.MaxBodyBytes} bytes (before or after decompression); send smaller batches or raise max_body_bytes");

    /// <summary>Answers a non-OTLP write: the success status, 400 for a partly rejected batch, or the error.</summary>
    private static Task TextOutcome(HttpContext ctx, Outcome outcome, int successStatus)
    {
        if (outcome.Status == StatusCodes.Status200OK)
        {
            var result = outcome.Result!;
            if (result.Rejected == 0)
            {
                ctx.Response.StatusCode = successStatus;
                return Task.CompletedTask;
            }

            // Partly bad: the accepted part is stored; say so, and what was wrong (400: do not retry).
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            return ctx.Response.WriteAsJsonAsync(IngestReport.From(result, "partial write: " + result.PartialSuccessMessage));
        }

        return JsonError(ctx, outcome.Status, outcome.Message!, outcome.Error, outcome.RetryAfter);
    }

    private static Task JsonError(HttpContext ctx, int status, string message, IngestError? error = null, TimeSpan? retryAfter = null, string? field = null)
    {
        ctx.Response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var report = new IngestReport
        {
            Code = status switch { 400 => "invalid", 401 => "unauthorized", 413 => "request too large", 503 => "unavailable", _ => "error" },
            Message = message,
            Line = error is { Line: > 0 } ? error.Line : null,
            Offset = error is { Offset: >= 0 } ? error.Offset : null,
            Field = error?.Field ?? field,
        };
        return ctx.Response.WriteAsJsonAsync(report);
    }
}

using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Ingest;

/// <summary>
/// Writes an OTLP/HTTP error: a <c>google.rpc.Status</c> (code, message) in the request's encoding, with
/// Retry-After for retryable statuses, as the OTLP specification asks.
/// </summary>
internal readonly struct OtlpErrorWriter
{
    private readonly bool _json;

    public OtlpErrorWriter(bool json) => _json = json;

    public Task Write(HttpContext ctx, int status, string message, TimeSpan? retryAfter = null)
    {
        ctx.Response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        // google.rpc.Code: INVALID_ARGUMENT 3, RESOURCE_EXHAUSTED 8, UNAUTHENTICATED 16, UNAVAILABLE 14.
        int code = status switch { 400 or 413 or 415 => 3, 401 => 16, 429 => 8, _ => 14 };
        if (_json)
        {
            ctx.Response.ContentType = "application/json";
            return ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["code"] = code, ["message"] = message }));
        }

        ctx.Response.ContentType = "application/x-protobuf";
        var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(code);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(message);
        output.Flush();
        return ctx.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).AsTask();
    }
}

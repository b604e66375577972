using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>Request bodies for the chat APIs, and the check of their JSON answers (<c>errcode</c>, <c>code</c>).</summary>
internal static class JsonBody
{
    // Chat APIs read UTF-8: keep CJK text and emoji readable instead of \u-escaping them.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Checks a chat API's answer: HTTP status first (<see cref="NotifierHttp.ClassifyStatus"/>), then the JSON
    /// body's numeric result code: the first of <paramref name="codeNames"/> present must be 0. Codes in
    /// <paramref name="retryableCodes"/> (rate limits, "system busy") are retryable; other codes and bodies that
    /// are not such JSON are permanent failures.
    /// </summary>
    public static NotifyResult CheckCode(HttpReply reply, Uri uri, string api, ReceiverOptions options, ReadOnlySpan<string> codeNames, ReadOnlySpan<long> retryableCodes)
    {
        // A chat API that answers 4xx usually still explains itself in the JSON code: prefer that over the status.
        if (reply.Failure is null && (reply.StatusCode is >= 200 and < 300 || reply.StatusCode is >= 400 and < 500 and not 429)
            && TryReadCode(reply.Body, codeNames, out long code))
        {
            if (code == 0 && reply.StatusCode < 300)
            {
                return NotifyResult.Ok;
            }

            string error = $"{api} answered code {code} (HTTP {reply.StatusCode}) from {NotifierHttp.Describe(uri)}: {NotifierHttp.Truncate(reply.Body, options)}";
            return retryableCodes.Contains(code) ? NotifyResult.RetryableFailure(error) : NotifyResult.PermanentFailure(error);
        }

        return NotifierHttp.ClassifyStatus(reply, uri, options)
            ?? NotifyResult.PermanentFailure($"{api} answered without a result code from {NotifierHttp.Describe(uri)}: {NotifierHttp.Truncate(reply.Body, options)}");
    }

    private static bool TryReadCode(string body, ReadOnlySpan<string> codeNames, out long code)
    {
        code = 0;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (string name in codeNames)
            {
                if (doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out code))
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

using System.IO.Compression;
using System.Net.Http.Headers;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Google.Protobuf;
using Snappier;

namespace Flinq.Server.Tests;

/// <summary>Request bodies made with the real encoders: Google.Protobuf, Snappier, GZip.</summary>
internal static class Encoders
{
    public static ByteArrayContent RemoteWrite(WriteRequest request)
    {
        var content = new ByteArrayContent(Snappy.CompressToArray(request.ToByteArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        return content;
    }

    public static WriteRequest Series(string name, IEnumerable<(string Name, string Value)> labels, params (long Ms, double Value)[] samples)
    {
        var series = new TimeSeries();
        series.Labels.Add(new Label { Name = "__name__", Value = name });
        foreach (var (n, v) in labels)
        {
            series.Labels.Add(new Label { Name = n, Value = v });
        }

        foreach (var (ms, value) in samples)
        {
            series.Samples.Add(new Sample { Timestamp = ms, Value = value });
        }

        var request = new WriteRequest();
        request.Timeseries.Add(series);
        return request;
    }

    public static ByteArrayContent Protobuf(IMessage message, bool gzip = false)
    {
        var bytes = message.ToByteArray();
        var content = new ByteArrayContent(gzip ? Gzip(bytes) : bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    public static ByteArrayContent Text(string text, string mediaType = "text/plain", bool gzip = false)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var content = new ByteArrayContent(gzip ? Gzip(bytes) : bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return buffer.ToArray();
    }

    public static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

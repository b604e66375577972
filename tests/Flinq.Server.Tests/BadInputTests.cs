using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Flinq.Monitor.Ingest.Otlp.Proto;

namespace Flinq.Server.Tests;

/// <summary>Malformed, oversize and unauthorized requests on every endpoint, and what each answers.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const int MaxBody = 64 * 1024;
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(o => o.MaxBodyBytes = MaxBody);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostJson(string path, HttpContent content)
    {
        using var response = await _server.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!);
    }

    [Fact]
    public async Task Influx_BadSecondLine_400WithLineAndAcceptedCount()
    {
        long now = Encoders.NowMs;
        var (status, body) = await PostJson("/write?precision=ms", Encoders.Text($"m,host=a v=1 {now}\nm,host=a v=abc {now}\n"));
        status.Should().Be(HttpStatusCode.BadRequest);
        body["accepted"]!.GetValue<int>().Should().Be(1);
        body["rejected"]!.GetValue<int>().Should().Be(1);
        body["message"]!.GetValue<string>().Should().StartWith("partial write: 1 rejected; first: line 2");
        body["errors"]![0]!.GetValue<string>().Should().Contain("\"v\"");
    }

    [Fact]
    public async Task Influx_BadPrecision_400NamesParameter()
    {
        var (status, body) = await PostJson("/api/v2/write?precision=days", Encoders.Text("m v=1"));
        status.Should().Be(HttpStatusCode.BadRequest);
        body["field"]!.GetValue<string>().Should().Be("precision");
        body["message"]!.GetValue<string>().Should().Contain("\"days\"");
    }

    [Fact]
    public async Task JsonLines_MalformedLine_400WithLine()
    {
        long now = Encoders.NowMs;
        var (status, body) = await PostJson("/api/v1/ingest/logs", Encoders.Text($"{{\"timestamp\":{now},\"level\":\"INFO\",\"message\":\"ok\"}}\n{{\"timestamp\": nope}}\n"));
        status.Should().Be(HttpStatusCode.BadRequest);
        body["accepted"]!.GetValue<int>().Should().Be(1);
        body["errors"]![0]!.GetValue<string>().Should().StartWith("line 2");
    }

    [Fact]
    public async Task RemoteWrite_NotSnappy_400WithReason()
    {
        var content = new ByteArrayContent([1, 2, 3, 4, 5]);
        content.Headers.ContentEncoding.Add("snappy");
        var (status, body) = await PostJson("/api/v1/write", content);
        status.Should().Be(HttpStatusCode.BadRequest);
        body["message"]!.GetValue<string>().Should().Contain("snappy");
    }

    [Fact]
    public async Task RemoteWrite_SeriesWithoutName_400PartialWithCounts()
    {
        var request = Encoders.Series("ok_metric", [("a", "1")], (Encoders.NowMs, 1));
        request.Timeseries.Add(new Flinq.Monitor.Ingest.Prometheus.Proto.TimeSeries { Samples = { new Flinq.Monitor.Ingest.Prometheus.Proto.Sample { Timestamp = Encoders.NowMs, Value = 2 } } });
        var (status, body) = await PostJson("/api/v1/write", Encoders.RemoteWrite(request));
        status.Should().Be(HttpStatusCode.BadRequest);
        body["accepted"]!.GetValue<int>().Should().Be(1);
        body["rejected"]!.GetValue<int>().Should().Be(1);
        body["errors"]![0]!.GetValue<string>().Should().Contain("__name__");
    }

    [Theory]
    [InlineData("/v1/metrics")]
    [InlineData("/v1/logs")]
    [InlineData("/v1/traces")]
    public async Task Otlp_GarbageProtobuf_400WithStatusMessage(string path)
    {
        var content = new ByteArrayContent([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await _server.Client.PostAsync(path, content);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var status = Google.Rpc.Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        status.Code.Should().Be(3);
        status.Message.Should().Contain("offset");
    }

    [Theory]
    [InlineData("/v1/metrics")]
    [InlineData("/v1/logs")]
    [InlineData("/v1/traces")]
    public async Task Otlp_MalformedJson_400WithStatusJson(string path)
    {
        var (status, body) = await PostJson(path, Encoders.Text("{\"resourceMetrics\": [", "application/json"));
        status.Should().Be(HttpStatusCode.BadRequest);
        body["code"]!.GetValue<int>().Should().Be(3);
        body["message"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Otlp_WrongContentType_415()
    {
        using var response = await _server.Client.PostAsync("/v1/logs", Encoders.Text("hello", "text/plain"));
        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Otlp_CorruptGzip_400NamesEncoding()
    {
        var gz = Encoders.Gzip(System.Text.Encoding.UTF8.GetBytes("{\"resourceLogs\":[]}"));
        var truncated = new ByteArrayContent(gz.AsSpan(0, gz.Length - 3).ToArray());
        truncated.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        truncated.Headers.ContentEncoding.Add("gzip");
        var (status, body) = await PostJson("/v1/logs", truncated);
        status.Should().Be(HttpStatusCode.BadRequest);
        body["message"]!.GetValue<string>().Should().Contain("gzip");
    }

    [Theory]
    [InlineData("/v1/metrics", "application/x-protobuf", false)]
    [InlineData("/v1/logs", "application/json", false)]
    [InlineData("/v1/traces", "application/json", true)]
    [InlineData("/api/v1/write", "application/x-protobuf", false)]
    [InlineData("/write", "text/plain", false)]
    [InlineData("/api/v2/write", "text/plain", true)]
    [InlineData("/api/v1/ingest/metrics", "application/x-ndjson", false)]
    [InlineData("/api/v1/ingest/logs", "application/x-ndjson", true)]
    public async Task AnyEndpoint_BodyOverLimit_413(string path, string mediaType, bool gzipBomb)
    {
        // Plain: more bytes on the wire than allowed. Gzip: a small body that inflates beyond the limit.
        var raw = new byte[MaxBody + 1024];
        Array.Fill(raw, (byte)'a');
        var content = new ByteArrayContent(gzipBomb ? Encoders.Gzip(raw) : raw);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (gzipBomb)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        using var response = await _server.Client.PostAsync(path, content);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/query_range?metric=m&agg=median", "\"median\"")]
    [InlineData("/api/v1/query_range?metric=m&step=banana", "\"step\"")]
    [InlineData("/api/v1/query_range?agg=avg", "\"metric\" is required")]
    [InlineData("/api/v1/logs?severity=loud", "\"severity\"")]
    [InlineData("/api/v1/logs?regex=(unclosed", "the query failed")]
    [InlineData("/api/v1/logs?cursor=xyz", "\"cursor\"")]
    [InlineData("/api/v1/traces?status=meh", "\"status\"")]
    [InlineData("/api/v1/traces/not-hex", "not a trace id")]
    [InlineData("/api/v1/samples?metric=m&start=yesterday", "\"start\"")]
    public async Task Query_BadParameter_400WithReason(string pathAndQuery, string reason)
    {
        using var response = await _server.Client.GetAsync(pathAndQuery);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["status"]!.GetValue<string>().Should().Be("error");
        body["error"]!.GetValue<string>().Should().Contain(reason);
    }
}

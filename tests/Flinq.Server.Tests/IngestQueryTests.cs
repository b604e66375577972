using System.Net;
using System.Text.Json.Nodes;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Google.Protobuf;

namespace Flinq.Server.Tests;

/// <summary>Every protocol through the real server over HTTP, queried back through the query API.</summary>
public sealed class IngestQueryTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private readonly long _t0 = (Encoders.NowMs / 60_000 * 60_000) - (10 * 60_000); // a whole minute, 10 minutes ago

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    [Fact]
    public async Task RemoteWrite_ThreeSeries_SamplesQueriedBackEqual()
    {
        var sent = new Dictionary<string, List<(long, double)>>();
        var request = new Flinq.Monitor.Ingest.Prometheus.Proto.WriteRequest();
        foreach (var host in new[] { "a", "b", "c" })
        {
            var samples = Enumerable.Range(0, 120).Select(i => (_t0 + (i * 5_000L), (host[0] * 1000.0) + (i * 1.25))).ToArray();
            sent[host] = [.. samples];
            request.Timeseries.Add(Encoders.Series("http_requests_total", [("host", host), ("job", "web")], samples).Timeseries[0]);
        }

        using var response = await _server.Client.PostAsync("/api/v1/write", Encoders.RemoteWrite(request));
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());

        var data = await _server.GetDataAsync($"/api/v1/samples?metric=http_requests_total&start={_t0 / 1000}&end={(_t0 / 1000) + 600}&label.job=web");
        var got = data.AsArray().ToDictionary(
            s => s!["labels"]!["host"]!.GetValue<string>(),
            s => s!["points"]!.AsArray().Select(p => (p![0]!.GetValue<long>(), p[1]!.GetValue<double>())).ToList());
        got.Should().BeEquivalentTo(sent, o => o.WithStrictOrdering());
        data[0]!["labels"]!.ToJsonString().Should().Be("{\"host\":\"a\",\"job\":\"web\"}");

        (await _server.GetDataAsync("/api/v1/metric_names")).AsArray().Select(n => n!.GetValue<string>()).Should().Contain("http_requests_total");
        (await _server.GetDataAsync("/api/v1/labels?metric=http_requests_total")).AsArray().Select(n => n!.GetValue<string>()).Should().Equal("host", "job");
        (await _server.GetDataAsync("/api/v1/label/host/values")).AsArray().Select(n => n!.GetValue<string>()).Should().Equal("a", "b", "c");

        // 10 minutes in 1-minute steps: the raw path (rate, p50) and the rollup path (sum, count) agree with the samples.
        string range = $"metric=http_requests_total&start={_t0 / 1000}&end={(_t0 / 1000) + 600}&step=60s";
        var sum = await _server.GetDataAsync($"/api/v1/query_range?{range}&agg=sum");
        sum["source"]!.GetValue<string>().Should().Be("rollup_1m");
        var firstMinuteSum = sent.Values.Sum(s => s.Where(p => p.Item1 < _t0 + 60_000).Sum(p => p.Item2));
        sum["series"]![0]!["points"]![0]![1]!.GetValue<double>().Should().BeApproximately(firstMinuteSum, 1e-6);
        var count = await _server.GetDataAsync($"/api/v1/query_range?{range}&agg=count&by=host");
        count["series"]!.AsArray().Should().HaveCount(3);
        count["series"]![0]!["points"]!.AsArray().Select(p => p![1]!.GetValue<double>()).Should().Equal(Enumerable.Repeat(12.0, 10));
        var rate = await _server.GetDataAsync($"/api/v1/query_range?{range}&agg=rate&by=host");
        rate["source"]!.GetValue<string>().Should().Be("raw");
        rate["series"]![0]!["points"]![0]![1]!.GetValue<double>().Should().BeApproximately(1.25 / 5, 1e-9); // +1.25 per 5 s
        var p50 = await _server.GetDataAsync($"/api/v1/query_range?{range}&agg=p50&label.host=b");
        p50["series"]![0]!["points"]![0]![1]!.GetValue<double>().Should().BeApproximately(sent["b"].Take(12).Select(p => p.Item2).Order().Skip(5).Take(2).Average(), 1e-9);
    }

    [Fact]
    public async Task OtlpMetrics_ProtobufGzip_GaugeAndHistogramQueriedBack()
    {
        ulong ns = (ulong)_t0 * 1_000_000;
        var gauge = new Metric { Name = "queue.depth", Gauge = new Gauge() };
        var point = new NumberDataPoint { TimeUnixNano = ns, AsDouble = 42.5 };
        point.Attributes.Add(Attr("queue", "orders"));
        gauge.Gauge.DataPoints.Add(point);
        var histogram = new Metric { Name = "latency", Histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative } };
        var hp = new HistogramDataPoint { TimeUnixNano = ns, Count = 6, Sum = 3.5 };
        hp.ExplicitBounds.Add([0.1, 1.0]);
        hp.BucketCounts.Add([2ul, 3ul, 1ul]);
        histogram.Histogram.DataPoints.Add(hp);
        var scope = new ScopeMetrics();
        scope.Metrics.Add([gauge, histogram]);
        var resource = new ResourceMetrics { Resource = new Resource() };
        resource.Resource.Attributes.Add([Attr("service.name", "shop"), Attr("host.name", "h1"), Attr("deployment.environment", "prod")]);
        resource.ScopeMetrics.Add(scope);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resource);

        using var response = await _server.Client.PostAsync("/v1/metrics", Encoders.Protobuf(request, gzip: true));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).PartialSuccess.Should().BeNull();

        string window = $"start={_t0 / 1000}&end={(_t0 / 1000) + 1}";
        var depth = (await _server.GetDataAsync($"/api/v1/samples?metric=queue.depth&{window}")).AsArray().Single()!;
        depth["labels"]!.ToJsonString().Should().Be("{\"host\":\"h1\",\"queue\":\"orders\",\"resource.deployment.environment\":\"prod\",\"service\":\"shop\"}");
        depth["points"]!.ToJsonString().Should().Be($"[[{_t0},42.5]]");
        var buckets = (await _server.GetDataAsync($"/api/v1/samples?metric=latency_bucket&{window}")).AsArray()
            .ToDictionary(s => s!["labels"]!["le"]!.GetValue<string>(), s => s!["points"]![0]![1]!.GetValue<double>());
        buckets.Should().BeEquivalentTo(new Dictionary<string, double> { ["0.1"] = 2, ["1"] = 5, ["+Inf"] = 6 });
        (await _server.GetDataAsync($"/api/v1/samples?metric=latency_sum&{window}"))[0]!["points"]![0]![1]!.GetValue<double>().Should().Be(3.5);
    }

    [Fact]
    public async Task OtlpMetrics_OneBadPoint_PartialSuccessAndGoodPointStored()
    {
        ulong ns = (ulong)_t0 * 1_000_000;
        var good = new Metric { Name = "good", Gauge = new Gauge() };
        good.Gauge.DataPoints.Add(new NumberDataPoint { TimeUnixNano = ns, AsInt = 7 });
        var delta = new Metric { Name = "bad", Sum = new Sum { AggregationTemporality = AggregationTemporality.Delta, IsMonotonic = true } };
        delta.Sum.DataPoints.Add(new NumberDataPoint { TimeUnixNano = ns, AsInt = 1 });
        var scope = new ScopeMetrics();
        scope.Metrics.Add([good, delta]);
        var resource = new ResourceMetrics();
        resource.ScopeMetrics.Add(scope);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resource);

        using var response = await _server.Client.PostAsync("/v1/metrics", Encoders.Protobuf(request));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var partial = ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).PartialSuccess;
        partial.RejectedDataPoints.Should().Be(1);
        partial.ErrorMessage.Should().Contain("metrics[1]").And.Contain("temporality");
        (await _server.GetDataAsync($"/api/v1/samples?metric=good&start={_t0 / 1000}&end={(_t0 / 1000) + 1}"))[0]!["points"]!.ToJsonString().Should().Be($"[[{_t0},7]]");
    }

    [Fact]
    public async Task OtlpLogs_Json_SearchNewestFirstPagedAndFiltered()
    {
        var records = new JsonArray();
        for (int i = 0; i < 25; i++)
        {
            records.Add(new JsonObject
            {
                ["timeUnixNano"] = ((_t0 + (i * 1000L)) * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["severityNumber"] = i % 5 == 0 ? 17 : 9,
                ["severityText"] = i % 5 == 0 ? "ERROR" : "INFO",
                ["body"] = new JsonObject { ["stringValue"] = i % 5 == 0 ? $"payment {i} failed: timeout" : $"request {i} ok" },
                ["attributes"] = new JsonArray(new JsonObject { ["key"] = "request.id", ["value"] = new JsonObject { ["intValue"] = i } }),
            });
        }

        var body = new JsonObject
        {
            ["resourceLogs"] = new JsonArray(new JsonObject
            {
                ["resource"] = new JsonObject { ["attributes"] = new JsonArray(
                    new JsonObject { ["key"] = "service.name", ["value"] = new JsonObject { ["stringValue"] = "payments" } },
                    new JsonObject { ["key"] = "host.name", ["value"] = new JsonObject { ["stringValue"] = "h7" } }) },
                ["scopeLogs"] = new JsonArray(new JsonObject { ["logRecords"] = records }),
            }),
        };
        using var response = await _server.Client.PostAsync("/v1/logs", Encoders.Text(body.ToJsonString(), "application/json", gzip: true));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject().Should().BeEmpty(); // no partialSuccess: all accepted

        string window = $"start={_t0 / 1000}&end={(_t0 / 1000) + 60}&service=payments";
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await _server.GetDataAsync($"/api/v1/logs?{window}&limit=10" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            seen.AddRange(page["logs"]!.AsArray().Select(l => l!["attributes"]!["request.id"]!.GetValue<string>()).Select(long.Parse));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        seen.Should().Equal(Enumerable.Range(0, 25).Reverse().Select(i => (long)i));

        var errors = await _server.GetDataAsync($"/api/v1/logs?{window}&severity=error&host=h7");
        errors["logs"]!.AsArray().Select(l => l!["body"]!.GetValue<string>()).Should().Equal("payment 20 failed: timeout", "payment 15 failed: timeout", "payment 10 failed: timeout", "payment 5 failed: timeout", "payment 0 failed: timeout");
        (await _server.GetDataAsync($"/api/v1/logs?{window}&q=TIMEOUT"))["logs"]!.AsArray().Should().HaveCount(5);
        (await _server.GetDataAsync($"/api/v1/logs?{window}&regex=request 1[0-9] ok"))["logs"]!.AsArray().Should().HaveCount(8);
        (await _server.GetDataAsync($"/api/v1/logs?{window}&host=other"))["logs"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task OtlpTraces_Protobuf_TraceTreeAndSearch()
    {
        var traceId = ByteString.CopyFrom(Convert.FromHexString("5b8efff798038103d269b633813fc60c"));
        ulong ns = (ulong)_t0 * 1_000_000;
        Span MakeSpan(string id, string parent, string name, ulong start, ulong ms, bool error) => new()
        {
            TraceId = traceId,
            SpanId = ByteString.CopyFrom(Convert.FromHexString(id)),
            ParentSpanId = parent.Length == 0 ? ByteString.Empty : ByteString.CopyFrom(Convert.FromHexString(parent)),
            Name = name,
            Kind = Span.Types.SpanKind.Server,
            StartTimeUnixNano = ns + start,
            EndTimeUnixNano = ns + start + (ms * 1_000_000),
            Status = error ? new Status { Code = Status.Types.StatusCode.Error, Message = "db down" } : null,
        };
        var scope = new ScopeSpans();
        scope.Spans.Add([
            MakeSpan("0000000000000001", string.Empty, "GET /checkout", 0, 300, error: true),
            MakeSpan("0000000000000002", "0000000000000001", "SELECT cart", 1_000_000, 20, error: false),
            MakeSpan("0000000000000003", "0000000000000001", "charge", 30_000_000, 250, error: true),
            MakeSpan("0000000000000004", "0000000000000003", "POST /pay", 31_000_000, 240, error: true),
        ]);
        scope.Spans[3].Attributes.Add(Attr("http.status_code", "500"));
        var resource = new ResourceSpans { Resource = new Resource() };
        resource.Resource.Attributes.Add(Attr("service.name", "checkout"));
        resource.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resource);

        using var response = await _server.Client.PostAsync("/v1/traces", Encoders.Protobuf(request));
        response.StatusCode.Should().Be(HttpStatusCode.OK);

        var trace = await _server.GetDataAsync("/api/v1/traces/5b8efff798038103d269b633813fc60c");
        trace["spanCount"]!.GetValue<int>().Should().Be(4);
        var root = trace["roots"]!.AsArray().Single()!;
        root["name"]!.GetValue<string>().Should().Be("GET /checkout");
        root["status"]!.GetValue<string>().Should().Be("Error");
        root["statusMessage"]!.GetValue<string>().Should().Be("db down");
        root["durationNanos"]!.GetValue<long>().Should().Be(300_000_000);
        root["children"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal("SELECT cart", "charge");
        var pay = root["children"]![1]!["children"]![0]!;
        pay["name"]!.GetValue<string>().Should().Be("POST /pay");
        pay["attributes"]!["http.status_code"]!.GetValue<string>().Should().Be("500");

        string window = $"start={_t0 / 1000}&end={(_t0 / 1000) + 60}";
        var found = await _server.GetDataAsync($"/api/v1/traces?{window}&service=checkout&minDuration=200ms&status=error");
        found.AsArray().Single()!["traceId"]!.GetValue<string>().Should().Be("5b8efff798038103d269b633813fc60c");
        found[0]!["rootName"]!.GetValue<string>().Should().Be("GET /checkout");
        found[0]!["errorCount"]!.GetValue<long>().Should().Be(3);
        (await _server.GetDataAsync($"/api/v1/traces?{window}&minDuration=1s")).AsArray().Should().BeEmpty();
        using var missing = await _server.Client.GetAsync("/api/v1/traces/00000000000000000000000000000001");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/write", "s", 1L)]
    [InlineData("/api/v2/write", "ms", 1000L)]
    [InlineData("/api/v2/write", "us", 1_000_000L)]
    public async Task Influx_Precision_TimestampsScaled(string path, string precision, long perSecond)
    {
        long seconds = _t0 / 1000;
        var lines = $"disk,host=h1,mount=/data used_percent=71.5,inodes=1200i {seconds * perSecond}\n# comment\n\ndisk,host=h2,mount=/ used_percent=12 {(seconds + 1) * perSecond}\n";
        using var response = await _server.Client.PostAsync($"{path}?precision={precision}&bucket=b&org=o", Encoders.Text(lines, gzip: path == "/write"));
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());

        var used = (await _server.GetDataAsync($"/api/v1/samples?metric=disk_used_percent&start={seconds}&end={seconds + 2}")).AsArray();
        used.Select(s => s!["labels"]!.ToJsonString() + s["points"]!.ToJsonString()).Should().Equal(
            "{\"host\":\"h1\",\"mount\":\"/data\"}" + $"[[{_t0},71.5]]",
            "{\"host\":\"h2\",\"mount\":\"/\"}" + $"[[{_t0 + 1000},12]]");
        (await _server.GetDataAsync($"/api/v1/samples?metric=disk_inodes&start={seconds}&end={seconds + 2}"))[0]!["points"]!.ToJsonString().Should().Be($"[[{_t0},1200]]");
    }

    [Fact]
    public async Task JsonLines_MetricsAndLogs_StoredAndReported()
    {
        var metrics = $"{{\"name\":\"cpu\",\"timestamp\":{_t0},\"fields\":{{\"user\":12.5,\"system\":3}},\"tags\":{{\"host\":\"web-1\"}}}}\n";
        using var m = await _server.Client.PostAsync("/api/v1/ingest/metrics", Encoders.Text(metrics, "application/x-ndjson"));
        m.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await m.Content.ReadAsStringAsync())!["accepted"]!.GetValue<int>().Should().Be(1);

        var logs = $"{{\"type\":\"app\",\"timestamp\":{_t0},\"level\":\"WARN\",\"message\":\"slow disk\",\"tags\":{{\"service\":\"db\",\"host\":\"db-1\",\"zone\":\"z1\"}}}}\n";
        using var l = await _server.Client.PostAsync("/api/v1/ingest/logs", Encoders.Text(logs, "application/x-ndjson"));
        l.StatusCode.Should().Be(HttpStatusCode.OK);

        (await _server.GetDataAsync($"/api/v1/samples?metric=cpu_user&start={_t0 / 1000}&end={(_t0 / 1000) + 1}"))[0]!["points"]!.ToJsonString().Should().Be($"[[{_t0},12.5]]");
        var log = (await _server.GetDataAsync($"/api/v1/logs?start={_t0 / 1000}&end={(_t0 / 1000) + 1}&service=db"))["logs"]![0]!;
        log["body"]!.GetValue<string>().Should().Be("slow disk");
        log["host"]!.GetValue<string>().Should().Be("db-1");
        log["level"]!.GetValue<string>().Should().Be("WARN");
        log["attributes"]!.ToJsonString().Should().Be("{\"type\":\"app\",\"zone\":\"z1\"}");
    }

    [Fact]
    public async Task Operational_HealthReadyAndMetrics_Answer()
    {
        (await _server.Client.GetStringAsync("/-/healthy")).Should().Contain("Healthy");
        (await _server.Client.GetStringAsync("/-/ready")).Should().Contain("Ready");
        using var write = await _server.Client.PostAsync("/write?precision=ms", Encoders.Text($"up value=1 {_t0}"));
        write.StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var metrics = await _server.Client.GetAsync("/metrics");
        metrics.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await metrics.Content.ReadAsStringAsync();
        text.Should().Contain("flinq_http_requests_total{endpoint=\"influx_v1\",code=\"204\"} 1")
            .And.Contain("flinq_ingest_items_total{signal=\"lines\",outcome=\"accepted\"} 1")
            .And.Contain("# TYPE flinq_storage_commits_total counter");
    }
}

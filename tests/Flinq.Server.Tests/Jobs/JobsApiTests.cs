using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests.Jobs;

public sealed class JobsApiTests : IAsyncLifetime
{
    private const string ReadToken = "r-secret";
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(o => o.ReadToken = ReadToken);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Jobs_AfterSequentialWrites_StorageSinkCountsOneRecordPerBatch()
    {
        const int batches = 25;
        long now = Encoders.NowMs;
        for (int i = 0; i < batches; i++)
        {
            // Each write answers after its commit, so the queue holds one batch at a time: one record per batch.
            using var response = await _server.Client.PostAsync("/write?precision=ms", Encoders.Text($"jobs_test,batch={i} value={i} {now + i}"));
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var root = await GetJsonAsync("/api/v1/jobs");

        var jobs = root["jobs"]!.AsArray();
        jobs.Should().HaveCount(1);
        var job = jobs[0]!;
        job["name"]!.GetValue<string>().Should().Be("flinq-storage");
        job["state"]!.GetValue<string>().Should().Be("RUNNING");
        job["restarts"]!.GetValue<int>().Should().Be(0);
        DateTimeOffset.Parse(job["startTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().BeBefore(DateTimeOffset.UtcNow.AddSeconds(1));
        // The ingest queue's task also feeds the alerting branch; the storage sink is chained into it.
        var vertex = job["vertices"]!.AsArray().Single(v => v!["name"]!.GetValue<string>().Contains("DuckDB Telemetry Store", StringComparison.Ordinal))!;
        vertex["name"]!.GetValue<string>().Should().StartWith("Ingest Queue");
        vertex["parallelism"]!.GetValue<int>().Should().Be(1);
        vertex["recordsIn"]!.GetValue<long>().Should().Be(batches);
        vertex["recordsOut"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(batches, "the storage sink wrote every batch (and the alerting branch got them too)");
        vertex["recordsInPerSecond"]!.GetValue<double>().Should().BeGreaterThanOrEqualTo(0);
        vertex["backPressuredRatio"]!.GetValue<double>().Should().BeInRange(0, 1);
        vertex["busyRatio"]!.GetValue<double>().Should().BeInRange(0, 1);
        vertex["inputWatermark"].Should().BeNull("a source task has no input");
        var subtask = vertex["subtasks"]!.AsArray().Single()!;
        subtask["recordsIn"]!.GetValue<long>().Should().Be(batches);
        subtask["idleRatio"]!.GetValue<double>().Should().BeInRange(0, 1);
        job["checkpoints"]!.AsArray().Should().OnlyContain(c => c!["id"] != null, "the job checkpoints (alert state), every entry with its id");

        var plan = job["plan"]!;
        int vertexId = vertex["id"]!.GetValue<int>();
        plan["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<int>()).Should().Contain(vertexId);
        plan["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<int>()).Should().Contain(vertex["operators"]!.AsArray().Select(o => o!.GetValue<int>()));

        var one = await GetJsonAsync("/api/v1/jobs/flinq-storage");
        one["name"]!.GetValue<string>().Should().Be("flinq-storage");
        one["vertices"]!.AsArray().Single(v => v!["id"]!.GetValue<int>() == vertexId)!["recordsIn"]!.GetValue<long>().Should().Be(batches);

        var metrics = await GetTextAsync("/metrics");
        metrics.Should().Contain("# TYPE flinq_job_operator_records_in_total counter");
        metrics.Should().Contain($"flinq_job_operator_records_in_total{{job=\"flinq-storage\",vertex=\"{vertex["id"]}\",operator=\"{vertex["name"]}\",subtask=\"0\"}} {batches}\n");
        metrics.Should().Contain("flinq_job_up{job=\"flinq-storage\"} 1\n");
    }

    [Fact]
    public async Task Jobs_UnknownName_404NamingTheJobs()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/jobs/nope");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReadToken);
        using var response = await _server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("flinq-storage");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Jobs_WithoutReadToken_401(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/jobs");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    private async Task<JsonNode> GetJsonAsync(string path) => JsonNode.Parse(await GetTextAsync(path))!;

    private async Task<string> GetTextAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ReadToken);
        using var response = await _server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return text;
    }
}

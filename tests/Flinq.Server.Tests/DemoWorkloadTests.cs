using Flinq.Server.Demo;

namespace Flinq.Server.Tests;

public sealed class DemoWorkloadTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Tick_DuringPaymentsOutage_AllSignalsStoredWithErrors()
    {
        var workload = new DemoWorkload(_server.Client);
        workload.IncidentAt(0).Should().Be("payments-outage");
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await workload.TickAsync(now);
        await workload.TickAsync(now.AddSeconds(1));

        var names = (await _server.GetDataAsync("/api/v1/metric_names")).AsArray().Select(n => n!.GetValue<string>());
        names.Should().Contain(["node_cpu_usage_percent", "http_requests_total", "disk_used_percent", "disk_free_bytes"]);
        long start = now.ToUnixTimeSeconds() - 1;
        var errors = await _server.GetDataAsync($"/api/v1/logs?start={start}&end={start + 10}&service=payments&severity=error");
        errors["logs"]!.AsArray().Should().HaveCount(16).And.OnlyContain(l => l!["body"]!.GetValue<string>().StartsWith("charge failed", StringComparison.Ordinal));
        var slow = (await _server.GetDataAsync($"/api/v1/traces?start={start}&end={start + 10}&status=error&minDuration=2s")).AsArray();
        slow.Should().HaveCount(6);
        var trace = await _server.GetDataAsync("/api/v1/traces/" + slow[0]!["traceId"]!.GetValue<string>());
        trace["spanCount"]!.GetValue<int>().Should().Be(4);
        trace["roots"]![0]!["service"]!.GetValue<string>().Should().Be("web");
    }

    [Fact]
    public void IncidentAt_EveryPeriod_CyclesThroughTheFourIncidentsIncludingAHostGoingDown()
    {
        var workload = new DemoWorkload(_server.Client);
        long period = (long)workload.IncidentEvery.TotalSeconds;

        Enumerable.Range(0, 4).Select(i => workload.IncidentAt(i * period)).Should()
            .Equal("payments-outage", "cpu-spike", "disk-filling", "host-down");
        workload.IncidentAt((long)workload.IncidentLength.TotalSeconds).Should().BeNull("the incident is over");
    }

    [Fact]
    public void DefaultRulesYaml_ParsesWithoutErrors_OneRulePerSeedAlert()
    {
        var result = Flinq.Monitor.Rules.RuleParser.ParseFile(DemoWorkload.DefaultRulesYaml, Flinq.Monitor.Rules.RuleFormat.Yaml);

        result.Errors.Should().BeEmpty();
        result.Rules.Select(r => r.Name).Should().Equal("HostDown", "HostCpuHigh", "HostMemoryHigh", "DiskAlmostFull", "ServiceErrorBurst");
    }
}

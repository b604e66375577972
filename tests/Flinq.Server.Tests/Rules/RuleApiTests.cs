using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests.Rules;

/// <summary>The rules REST API against a real server.</summary>
public sealed class RuleApiTests : IAsyncLifetime
{
    private const string CpuRule = """
        kind: threshold
        severity: critical
        for: 2m
        labels: {team: infra}
        annotations: {summary: "{{ $labels.host }} CPU {{ $value }}%"}
        threshold: {metric: 'cpu_usage{env="prod"}', aggregation: p99, window: 5m, group_by: [host], op: ">", value: 90}
        """;

    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private async Task<(HttpStatusCode Status, string Body)> Send(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Crud_OverHttp()
    {
        var (status, body) = await Send(HttpMethod.Put, "/api/v1/rules/HostCpuHigh", Yaml(CpuRule));
        status.Should().Be(HttpStatusCode.Created, body);
        var created = JsonNode.Parse(body)!;
        created["name"]!.GetValue<string>().Should().Be("HostCpuHigh");
        created["threshold"]!["quantile"]!.GetValue<double>().Should().Be(0.99);

        (status, body) = await Send(HttpMethod.Get, "/api/v1/rules/HostCpuHigh");
        status.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(body)!["threshold"]!["metric"]!.GetValue<string>().Should().Be("cpu_usage{env=\"prod\"}");

        (status, body) = await Send(HttpMethod.Get, "/api/v1/rules/HostCpuHigh?format=yaml");
        status.Should().Be(HttpStatusCode.OK);
        body.Should().StartWith("name: HostCpuHigh\nkind: threshold\nseverity: critical\n");

        (status, body) = await Send(HttpMethod.Put, "/api/v1/rules/HostCpuHigh", Yaml(CpuRule.Replace("value: 90", "value: 95", StringComparison.Ordinal)));
        status.Should().Be(HttpStatusCode.OK, body);
        JsonNode.Parse(body)!["threshold"]!["value"]!.GetValue<double>().Should().Be(95);

        (status, body) = await Send(HttpMethod.Post, "/api/v1/rules/HostCpuHigh/disable");
        status.Should().Be(HttpStatusCode.OK, body);
        JsonNode.Parse(body)!["enabled"]!.GetValue<bool>().Should().BeFalse();

        (status, body) = await Send(HttpMethod.Get, "/api/v1/rules");
        status.Should().Be(HttpStatusCode.OK);
        var listed = JsonNode.Parse(body)!["rules"]!.AsArray().Should().ContainSingle().Subject!;
        listed["name"]!.GetValue<string>().Should().Be("HostCpuHigh");
        listed["kind"]!.GetValue<string>().Should().Be("threshold");
        listed["enabled"]!.GetValue<bool>().Should().BeFalse();
        listed["severity"]!.GetValue<string>().Should().Be("critical");
        listed["source"]!.GetValue<string>().Should().Be("api");
        listed["yaml"]!.GetValue<string>().Should().Contain("enabled: false").And.Contain("value: 95");

        (status, _) = await Send(HttpMethod.Post, "/api/v1/rules/HostCpuHigh/enable");
        status.Should().Be(HttpStatusCode.OK);
        _server.Server.Rules.Get("HostCpuHigh")!.Rule.Enabled.Should().BeTrue();
        _server.Server.Rules.Version.Should().Be(4);

        (status, _) = await Send(HttpMethod.Delete, "/api/v1/rules/HostCpuHigh");
        status.Should().Be(HttpStatusCode.NoContent);
        (status, body) = await Send(HttpMethod.Get, "/api/v1/rules/HostCpuHigh");
        status.Should().Be(HttpStatusCode.NotFound);
        body.Should().Contain("no rule named");
        (status, _) = await Send(HttpMethod.Delete, "/api/v1/rules/HostCpuHigh");
        status.Should().Be(HttpStatusCode.NotFound);
        (status, _) = await Send(HttpMethod.Post, "/api/v1/rules/HostCpuHigh/enable");
        status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_JsonBody_Accepted()
    {
        var json = """{"kind": "absence", "absence": {"metric": "heartbeat", "group_by": ["host"], "silent_for": "2m"}}""";
        var (status, body) = await Send(HttpMethod.Put, "/api/v1/rules/HostDown", new StringContent(json, Encoding.UTF8, "application/json"));
        status.Should().Be(HttpStatusCode.Created, body);
        _server.Server.Rules.Get("HostDown")!.Rule.Absence!.SilentFor.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Put_Invalid_400WithEveryErrorPositioned()
    {
        var (status, body) = await Send(HttpMethod.Put, "/api/v1/rules/Bad", Yaml("""
            kind: threshold
            for: soon
            threshold: {metric: cpu, aggregation: p99, window: 1m, slide: 2m, op: ">", value: x}
            """));
        status.Should().Be(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(body)!["errors"]!.AsArray();
        errors.Select(e => (e!["line"]!.GetValue<int>(), e["column"]!.GetValue<int>(), e["path"]!.GetValue<string>())).Should().Equal(
            (2, 6, "for"), (3, 63, "threshold.slide"), (3, 83, "threshold.value"));
        errors[2]!["message"]!.GetValue<string>().Should().Be("expected a number, got \"x\"");
        _server.Server.Rules.List().Should().BeEmpty();
    }

    [Fact]
    public async Task Put_JsonSyntaxError_400WithPosition()
    {
        var (status, body) = await Send(HttpMethod.Put, "/api/v1/rules/Bad", new StringContent("{\"kind\": \"log\",\n \"log\": {\"window\": }}", Encoding.UTF8, "application/json"));
        status.Should().Be(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(body)!["errors"]!.AsArray().Should().ContainSingle().Subject!;
        error["line"]!.GetValue<int>().Should().Be(2);
        error["message"]!.GetValue<string>().Should().StartWith("JSON syntax: ");
    }

    [Fact]
    public async Task Put_NameMismatchOrInvalidName_400()
    {
        var (status, body) = await Send(HttpMethod.Put, "/api/v1/rules/A", Yaml("name: B\n" + CpuRule));
        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("the body names the rule \\\"B\\\" but the URL names \\\"A\\\"");

        (status, body) = await Send(HttpMethod.Put, "/api/v1/rules/bad%20name", Yaml(CpuRule));
        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain("is not a valid rule name");
    }

    [Fact]
    public async Task Validate_ReportsValidity()
    {
        var (status, body) = await Send(HttpMethod.Post, "/api/v1/rules/validate", Yaml("rules:\n  - name: A\n" + string.Join('\n', CpuRule.Split('\n').Select(l => "    " + l))));
        status.Should().Be(HttpStatusCode.OK);
        var ok = JsonNode.Parse(body)!;
        ok["valid"]!.GetValue<bool>().Should().BeTrue(body);
        ok["errors"]!.AsArray().Should().BeEmpty();

        (status, body) = await Send(HttpMethod.Post, "/api/v1/rules/validate", Yaml("name: A\nlog: {window: 1m, regex: '('}\n"));
        status.Should().Be(HttpStatusCode.OK);
        var bad = JsonNode.Parse(body)!;
        bad["valid"]!.GetValue<bool>().Should().BeFalse();
        var error = bad["errors"]!.AsArray().Should().ContainSingle().Subject!;
        (error["line"]!.GetValue<int>(), error["column"]!.GetValue<int>(), error["path"]!.GetValue<string>()).Should().Be((2, 26, "log.regex"));
        _server.Server.Rules.List().Should().BeEmpty("validate stores nothing");
    }

    [Fact]
    public async Task Put_TooLarge_413()
    {
        var (status, body) = await Send(HttpMethod.Put, "/api/v1/rules/Big", Yaml(CpuRule + "\n# " + new string('x', 2 * 1024 * 1024)));
        status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        body.Should().Contain("exceeds the limit");
    }

    [Fact]
    public async Task Auth_TokensRequiredWhenConfigured()
    {
        await using var server = await ServerFixture.StartAsync(o =>
        {
            o.WriteToken = "w-secret";
            o.ReadToken = "r-secret";
        });

        async Task<HttpStatusCode> Send(HttpMethod method, string path, string? token, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await server.Client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
            }

            return response.StatusCode;
        }

        (await Send(HttpMethod.Put, "/api/v1/rules/A", null, Yaml(CpuRule))).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Put, "/api/v1/rules/A", "r-secret", Yaml(CpuRule))).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Post, "/api/v1/rules/validate", null, Yaml(CpuRule))).Should().Be(HttpStatusCode.Unauthorized);
        server.Server.Rules.List().Should().BeEmpty();
        (await Send(HttpMethod.Put, "/api/v1/rules/A", "w-secret", Yaml(CpuRule))).Should().Be(HttpStatusCode.Created);

        (await Send(HttpMethod.Get, "/api/v1/rules", null)).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Get, "/api/v1/rules/A", "w-secret")).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Get, "/api/v1/rules/A", "r-secret")).Should().Be(HttpStatusCode.OK);

        (await Send(HttpMethod.Post, "/api/v1/rules/A/disable", "r-secret")).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Delete, "/api/v1/rules/A", null)).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Delete, "/api/v1/rules/A", "w-secret")).Should().Be(HttpStatusCode.NoContent);
    }
}

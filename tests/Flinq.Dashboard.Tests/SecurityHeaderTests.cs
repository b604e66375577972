using System.Text.RegularExpressions;

namespace Flinq.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class SecurityHeaderTests
{
    private readonly DashboardFixture _fixture;

    public SecurityHeaderTests(DashboardFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Index_HasStrictCspAndNoInlineScript()
    {
        using var response = await _fixture.Client.GetAsync("/");
        response.IsSuccessStatusCode.Should().BeTrue();
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("script-src 'self'").And.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'")
            .And.NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");

        var html = await response.Content.ReadAsStringAsync();
        var scripts = ScriptTag().Matches(html);
        scripts.Should().NotBeEmpty();
        scripts.Should().OnlyContain(m => m.Value.Contains("src=\"/assets/", StringComparison.Ordinal), "every script is an external file");
        InlineHandler().IsMatch(html).Should().BeFalse("no inline event handlers");
    }

    [Fact]
    public async Task AssetsAndApi_HaveNoSniffAndAssetsAreCached()
    {
        var html = await _fixture.Client.GetStringAsync("/");
        var script = AssetPath().Match(html).Value;
        script.Should().NotBeEmpty();
        using var asset = await _fixture.Client.GetAsync(script);
        asset.IsSuccessStatusCode.Should().BeTrue();
        asset.Content.Headers.ContentType!.MediaType.Should().Be("application/javascript");
        asset.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        asset.Headers.GetValues("Content-Security-Policy").Should().NotBeEmpty();
        asset.Headers.CacheControl!.ToString().Should().Contain("immutable");

        using var api = await _fixture.Client.GetAsync("api/v1/metric_names");
        api.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");

        using var missing = await _fixture.Client.GetAsync("assets/no-such-file.js");
        ((int)missing.StatusCode).Should().Be(404);
    }

    [Fact]
    public async Task Live_StreamsSnapshotsAsServerSentEvents()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/live");
        using var response = await _fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (events.Count < 2)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                break;
            }

            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        events.Should().HaveCount(2);
        var first = System.Text.Json.Nodes.JsonNode.Parse(events[0])!;
        var second = System.Text.Json.Nodes.JsonNode.Parse(events[1])!;
        second["time"]!.GetValue<long>().Should().BeGreaterThan(first["time"]!.GetValue<long>());
        first["ingest"]!["metrics"]!["total"].Should().NotBeNull();
        first["hosts"]!.AsArray().Should().NotBeNull();
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"/assets/[^""]+\.js")]
    private static partial Regex AssetPath();
}

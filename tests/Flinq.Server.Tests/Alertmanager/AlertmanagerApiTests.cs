using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests.Alertmanager;

/// <summary>The Alertmanager v2 API of a real Flinq server, with notifications delivered to a real HTTP listener.</summary>
public sealed class AlertmanagerApiTests : IDisposable
{
    private readonly WebhookCapture _hook = new();
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), "flinq-am-" + Guid.NewGuid().ToString("N") + ".yml");

    public AlertmanagerApiTests()
    {
        File.WriteAllText(_configFile, $"""
            route:
              receiver: ops
              group_by: [alertname]
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 1h
              routes:
                - matchers: ['team="db"']
                  receiver: db
            receivers:
              - name: ops
                webhook_configs:
                  - url: '{_hook.Url}'
              - name: db
            inhibit_rules:
              - source_matchers: [severity="critical"]
                target_matchers: [severity="warning"]
                equal: [instance]
            """);
    }

    public void Dispose()
    {
        _hook.Dispose();
        File.Delete(_configFile);
    }

    internal static string Alerts(params string[] alerts) => "[" + string.Join(",", alerts) + "]";

    internal static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task PostedAlert_IsNotifiedToWebhook_ListedAndResolved()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        var start = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O");
        using (var post = await PostJsonAsync(f.Client, "/api/v2/alerts", Alerts(
            $$"""{"labels":{"alertname":"DiskFull","instance":"a","severity":"critical"},"annotations":{"summary":"disk 97% full"},"startsAt":"{{start}}","generatorURL":"http://prom/graph"}""")))
        {
            post.StatusCode.Should().Be(HttpStatusCode.OK, await post.Content.ReadAsStringAsync());
        }

        await TestWait.UntilAsync(() => !_hook.Payloads.IsEmpty, TimeSpan.FromSeconds(30), "the webhook notification");
        var payload = _hook.Payloads.First();
        payload["version"]!.GetValue<string>().Should().Be("4");
        payload["status"]!.GetValue<string>().Should().Be("firing");
        payload["receiver"]!.GetValue<string>().Should().Be("ops");
        payload["groupKey"]!.GetValue<string>().Should().Be("{}:{alertname=\"DiskFull\"}");
        payload["groupLabels"]!["alertname"]!.GetValue<string>().Should().Be("DiskFull");
        var alert = payload["alerts"]![0]!;
        alert["labels"]!["instance"]!.GetValue<string>().Should().Be("a");
        alert["annotations"]!["summary"]!.GetValue<string>().Should().Be("disk 97% full");
        alert["generatorURL"]!.GetValue<string>().Should().Be("http://prom/graph");
        alert["endsAt"]!.GetValue<string>().Should().Be("0001-01-01T00:00:00Z");

        var listed = (await GetArrayAsync(f, "/api/v2/alerts")).Should().ContainSingle().Subject!;
        listed["fingerprint"]!.GetValue<string>().Should().Be(alert["fingerprint"]!.GetValue<string>()).And.HaveLength(16);
        listed["receivers"]![0]!["name"]!.GetValue<string>().Should().Be("ops");
        listed["status"]!["state"]!.GetValue<string>().Should().Be("active");
        listed["status"]!["silencedBy"]!.AsArray().Should().BeEmpty();
        listed["updatedAt"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var groups = await GetArrayAsync(f, "/api/v2/alerts/groups");
        groups.Should().ContainSingle().Which!["receiver"]!["name"]!.GetValue<string>().Should().Be("ops");

        var deliveries = JsonNode.Parse(await f.Client.GetStringAsync("/api/v1/notifications"))!["notifications"]!.AsArray();
        deliveries.Should().ContainSingle().Which!["success"]!.GetValue<bool>().Should().BeTrue();

        // Resolve it: the webhook hears about it (send_resolved defaults to true) and the API no longer lists it.
        using (var post = await PostJsonAsync(f.Client, "/api/v2/alerts", Alerts(
            $$"""{"labels":{"alertname":"DiskFull","instance":"a","severity":"critical"},"startsAt":"{{start}}","endsAt":"{{DateTimeOffset.UtcNow.ToString("O")}}"}""")))
        {
            post.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await TestWait.UntilAsync(() => _hook.Payloads.Count >= 2, TimeSpan.FromSeconds(30), "the resolved notification");
        _hook.Payloads.Last()["status"]!.GetValue<string>().Should().Be("resolved");
        (await GetArrayAsync(f, "/api/v2/alerts")).Should().BeEmpty();
    }

    [Fact]
    public async Task Inhibited_ShownSuppressedAndNotNotified()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        using var post = await PostJsonAsync(f.Client, "/api/v2/alerts", Alerts(
            """{"labels":{"alertname":"Down","instance":"a","severity":"critical"}}""",
            """{"labels":{"alertname":"Slow","instance":"a","severity":"warning"}}"""));
        post.StatusCode.Should().Be(HttpStatusCode.OK);
        await TestWait.UntilAsync(() => !_hook.Payloads.IsEmpty, TimeSpan.FromSeconds(30), "the notification");
        var alerts = await GetArrayAsync(f, "/api/v2/alerts");
        var slow = alerts.Single(a => a!["labels"]!["alertname"]!.GetValue<string>() == "Slow")!;
        slow["status"]!["state"]!.GetValue<string>().Should().Be("suppressed");
        slow["status"]!["inhibitedBy"]!.AsArray().Should().ContainSingle();
        (await GetArrayAsync(f, "/api/v2/alerts?inhibited=false")).Should().ContainSingle();
        _hook.Payloads.SelectMany(p => p["alerts"]!.AsArray()).Select(a => a!["labels"]!["alertname"]!.GetValue<string>()).Should().NotContain("Slow");
    }

    [Theory]
    [InlineData("""[{"annotations":{"a":"b"}}]""", "at least one label pair required")]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"2026-01-02T00:00:00Z","endsAt":"2026-01-01T00:00:00Z"}]""", "start time must be before end time")]
    [InlineData("""[{"labels":{"bad-name":"b"}}]""", "invalid name")]
    [InlineData("""[{"labels":{"a":"b"},"startsAt":"yesterday"}]""", "RFC 3339")]
    [InlineData("""{"labels":{"a":"b"}}""", "JSON array")]
    [InlineData("""[{"labels":""", "not JSON")]
    public async Task PostAlerts_Invalid_400WithReason(string body, string reason)
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        using var response = await PostJsonAsync(f.Client, "/api/v2/alerts", body);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.GetValue<string>().Should().Contain(reason);
    }

    [Fact]
    public async Task StatusAndReceivers_AsAlertmanager()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        var status = JsonNode.Parse(await f.Client.GetStringAsync("/api/v2/status"))!;
        status["config"]!["original"]!.GetValue<string>().Should().Be(await File.ReadAllTextAsync(_configFile));
        status["cluster"]!["status"]!.GetValue<string>().Should().Be("disabled");
        status["versionInfo"]!["version"]!.GetValue<string>().Should().NotBeEmpty();
        DateTimeOffset.Parse(status["uptime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().BeBefore(DateTimeOffset.UtcNow.AddSeconds(1));
        (await GetArrayAsync(f, "/api/v2/receivers")).Select(r => r!["name"]!.GetValue<string>()).Should().Equal("ops", "db");
    }

    [Fact]
    public async Task Writes_NeedTheWriteToken()
    {
        await using var f = await ServerFixture.StartAsync(o =>
        {
            o.AlertmanagerConfig = _configFile;
            o.WriteToken = "w";
        });
        const string body = """[{"labels":{"alertname":"X"}}]""";
        using (var denied = await PostJsonAsync(f.Client, "/api/v2/alerts", body))
        {
            denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            denied.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
        }

        using (var wrong = await PostJsonAsync(f.Client, "/api/v2/alerts", body, "nope"))
        {
            wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using (var ok = await PostJsonAsync(f.Client, "/api/v2/alerts", body, "w"))
        {
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await GetArrayAsync(f, "/api/v2/alerts")).Should().ContainSingle("reads need no token when only a write token is set");
    }

    [Fact]
    public async Task FailingWebhook_RecordedWithError()
    {
        _hook.StatusCode = 400;
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        using var post = await PostJsonAsync(f.Client, "/api/v2/alerts", """[{"labels":{"alertname":"Y"}}]""");
        await TestWait.UntilAsync(async () => JsonNode.Parse(await f.Client.GetStringAsync("/api/v1/notifications"))!["notifications"]!.AsArray().Count > 0, TimeSpan.FromSeconds(30), "a delivery record");
        var record = JsonNode.Parse(await f.Client.GetStringAsync("/api/v1/notifications"))!["notifications"]![0]!;
        record["success"]!.GetValue<bool>().Should().BeFalse();
        record["error"]!.GetValue<string>().Should().StartWith("HTTP 400 from " + new Uri(_hook.Url).GetLeftPart(UriPartial.Authority), "the path is left out: webhook paths carry tokens");
        record["attempts"]!.GetValue<int>().Should().Be(1, "a 4xx is not retried");
    }

    internal static async Task<JsonArray> GetArrayAsync(ServerFixture f, string path)
    {
        using var response = await f.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsArray();
    }
}

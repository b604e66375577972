using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests.Alertmanager;

/// <summary>Configuration reload without a restart: <c>POST /-/reload</c> and SIGHUP, as Alertmanager and Prometheus do.</summary>
public sealed class ReloadTests : IDisposable
{
    private readonly WebhookCapture _first = new();
    private readonly WebhookCapture _second = new();
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), "flinq-am-reload-" + Guid.NewGuid().ToString("N") + ".yml");
    private readonly string _ruleFile = Path.Combine(Path.GetTempPath(), "flinq-rules-reload-" + Guid.NewGuid().ToString("N") + ".yaml");
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flinq-reload-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        File.Delete(_configFile);
        File.Delete(_ruleFile);
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private void WriteConfig(string receiver, string url) => File.WriteAllText(_configFile, $"""
        route:
          receiver: {receiver}
          group_by: [alertname]
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
        receivers:
          - name: {receiver}
            webhook_configs:
              - url: '{url}'
        """);

    [Fact]
    public async Task PostReload_NewReceiverTakesOverTheHeldAlert_InvalidFileKeepsTheRunningConfiguration()
    {
        WriteConfig("ops", _first.Url);
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        var start = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O");
        using (var post = await AlertmanagerApiTests.PostJsonAsync(f.Client, "/api/v2/alerts", AlertmanagerApiTests.Alerts(
            $$"""{"labels":{"alertname":"DiskFull","instance":"a"},"startsAt":"{{start}}"}""")))
        {
            post.StatusCode.Should().Be(HttpStatusCode.OK, await post.Content.ReadAsStringAsync());
        }

        await TestWait.UntilAsync(() => !_first.Payloads.IsEmpty, TimeSpan.FromSeconds(30), "the first webhook's notification");

        // A new receiver: it has not been notified of the alert yet. (As in Alertmanager, only changing the URL of
        // receiver "ops" would not re-send: the notification log is kept per receiver name and group.)
        WriteConfig("oncall", _second.Url);
        using (var reload = await f.Client.PostAsync("/-/reload", null))
        {
            string body = await reload.Content.ReadAsStringAsync();
            reload.StatusCode.Should().Be(HttpStatusCode.OK, body);
            body.Should().Contain(_configFile + ": reloaded");
        }

        await TestWait.UntilAsync(() => !_second.Payloads.IsEmpty, TimeSpan.FromSeconds(30), "the held alert notified to the new webhook");
        _second.Payloads.First()["alerts"]![0]!["labels"]!["alertname"]!.GetValue<string>().Should().Be("DiskFull");
        (await Status(f)).Should().Contain(_second.Url);

        File.WriteAllText(_configFile, "route:\n  receiver: nobody\nreceivers:\n  - name: ops\n");
        using (var reload = await f.Client.PostAsync("/-/reload", null))
        {
            string body = await reload.Content.ReadAsStringAsync();
            reload.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            body.Should().StartWith("failed to reload config").And.Contain(_configFile).And.Contain("nobody");
        }

        (await Status(f)).Should().Contain(_second.Url, "a failed reload keeps the running configuration");
    }

    [Fact]
    public async Task PostReload_WithWriteTokenConfigured_NeedsIt()
    {
        await using var f = await ServerFixture.StartAsync(o => o.WriteToken = "w-secret");
        using (var denied = await f.Client.PostAsync("/-/reload", null))
        {
            denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/-/reload");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "w-secret");
        using var allowed = await f.Client.SendAsync(request);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK, await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sighup_ReloadsTheRuleFiles_OfTheRealProcess()
    {
        File.WriteAllText(_ruleFile, "rules:\n  - name: FirstRule\n    absence: {metric: up, silent_for: 1m}\n");
        using var server = await FlinqProcess.StartAsync(_data, "--rule-files", _ruleFile);
        using var client = new HttpClient { BaseAddress = server.Address };
        (await RuleNames(client)).Should().Equal("FirstRule");

        File.WriteAllText(_ruleFile, "rules:\n  - name: SecondRule\n    absence: {metric: up, silent_for: 2m}\n");
        using (var kill = Process.Start("kill", ["-HUP", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            kill.ExitCode.Should().Be(0);
        }

        await TestWait.UntilAsync(async () => (await RuleNames(client)).SequenceEqual(["SecondRule"]), TimeSpan.FromSeconds(30), "the rule file reloaded on SIGHUP");
        using var ready = await client.GetAsync("/-/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK, "SIGHUP reloads, it does not stop the server");
    }

    private static async Task<string> Status(ServerFixture f) =>
        JsonNode.Parse(await f.Client.GetStringAsync("/api/v2/status"))!["config"]!["original"]!.GetValue<string>();

    private static async Task<List<string>> RuleNames(HttpClient client) =>
        [.. JsonNode.Parse(await client.GetStringAsync("/api/v1/rules"))!["rules"]!.AsArray().Select(r => r!["name"]!.GetValue<string>())];
}

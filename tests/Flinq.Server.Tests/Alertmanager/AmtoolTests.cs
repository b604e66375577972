using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests.Alertmanager;

/// <summary>The real <c>amtool</c> 0.25 (Debian's prometheus-alertmanager) as a client of the Flinq server.</summary>
public sealed class AmtoolTests : IDisposable
{
    private const string Amtool = "/usr/bin/amtool";
    private readonly WebhookCapture _hook = new();
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), "flinq-amtool-" + Guid.NewGuid().ToString("N") + ".yml");

    public AmtoolTests()
    {
        File.WriteAllText(_configFile, $$"""
            route:
              receiver: ops
              group_by: ['...']
              group_wait: 1s
              routes:
                - matchers: ['severity="page"']
                  receiver: pager
            receivers:
              - name: ops
                webhook_configs: [{url: '{{_hook.Url}}'}]
              - name: pager
            """);
    }

    public void Dispose()
    {
        _hook.Dispose();
        File.Delete(_configFile);
    }

    [Fact]
    public async Task AlertAdd_ThenQuery_ThroughTheRealAmtool()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        string url = "--alertmanager.url=" + f.Server.Address.ToString().TrimEnd('/');
        await RunAsync("alert", "add", "alertname=AmtoolAdded", "severity=warning", "instance=h1", "--annotation=summary=added by amtool", url);

        await TestWait.UntilAsync(() => !_hook.Payloads.IsEmpty, TimeSpan.FromSeconds(30), "the webhook notification of the amtool alert");
        _hook.Payloads.First()["alerts"]![0]!["labels"]!["alertname"]!.GetValue<string>().Should().Be("AmtoolAdded");

        var json = JsonNode.Parse(await RunAsync("alert", "query", "-o", "json", url))!.AsArray();
        var alert = json.Should().ContainSingle().Subject!;
        alert["labels"]!["instance"]!.GetValue<string>().Should().Be("h1");
        alert["annotations"]!["summary"]!.GetValue<string>().Should().Be("added by amtool");
        alert["receivers"]![0]!["name"]!.GetValue<string>().Should().Be("ops");

        (await RunAsync("alert", "query", "alertname=AmtoolAdded", url)).Should().Contain("AmtoolAdded");
        (await RunAsync("alert", "query", "alertname=Other", url)).Should().NotContain("AmtoolAdded");

        // amtool reads the configuration back from /api/v2/status and routes with it.
        (await RunAsync("config", "routes", "test", url, "severity=page")).Trim().Should().Be("pager");
    }

    [Fact]
    public async Task SilenceAddQueryExpire_ThroughTheRealAmtool()
    {
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        var store = f.Server.Notifications.Silences!;
        string url = "--alertmanager.url=" + f.Server.Address.ToString().TrimEnd('/');
        string id = (await RunAsync("silence", "add", "alertname=Noisy", "--comment=maintenance", "--author=ops", "--duration=1h", url)).Trim();
        store.Get(id).Should().NotBeNull($"amtool printed \"{id}\"");

        await RunAsync("alert", "add", "alertname=Noisy", url);
        var alerts = JsonNode.Parse(await RunAsync("alert", "query", "--silenced", "-o", "json", url))!.AsArray();
        var silenced = alerts.Should().ContainSingle().Subject!;
        silenced["status"]!["state"]!.GetValue<string>().Should().Be("suppressed");
        silenced["status"]!["silencedBy"]![0]!.GetValue<string>().Should().Be(id);
        (await RunAsync("alert", "query", url)).Should().NotContain("Noisy", "amtool hides silenced alerts by default");

        (await RunAsync("silence", "query", "-q", url)).Trim().Should().Be(id);
        await RunAsync("silence", "expire", id, url);
        (await RunAsync("silence", "query", "-q", url)).Trim().Should().BeEmpty("expired silences are not listed by default");
        (await RunAsync("silence", "query", "--expired", "-q", url)).Trim().Should().Be(id);
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        File.Exists(Amtool).Should().BeTrue($"{Amtool} is missing: install the Debian package prometheus-alertmanager (./test.sh does)");
        var info = new ProcessStartInfo(Amtool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.ExitCode.Should().Be(0, $"amtool {string.Join(' ', args)} failed: {await stderr}{await stdout}");
        return await stdout;
    }
}

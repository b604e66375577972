using Flinq.Server.Configuration;

namespace Flinq.Server.Tests.Alertmanager;

/// <summary>The server's <c>alertmanager_config</c> setting.</summary>
public sealed class NotificationConfigTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "flinq-am-config-" + Guid.NewGuid().ToString("N") + ".yml");

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData("--alertmanager.config")]
    [InlineData("--alertmanager-config")]
    public void Load_AlertmanagerConfigFlag_BothSpellings(string flag)
    {
        var options = ServerConfiguration.Load([flag, "/etc/am.yml"], new Dictionary<string, string?>());
        options.AlertmanagerConfig.Should().Be("/etc/am.yml");
    }

    [Fact]
    public async Task Start_InvalidAlertmanagerConfig_FailsWithFileLineAndReason()
    {
        File.WriteAllText(_file, "route:\n  receiver: nobody\nreceivers:\n  - name: ops\n");
        var act = async () => await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _file);
        (await act.Should().ThrowAsync<FormatException>()).Which.Message.Should().Be($"{_file}: line 2, column 3: undefined receiver \"nobody\" used in route");
    }

    [Fact]
    public async Task Start_WithoutAlertmanagerConfig_AcceptsAlertsWithDefaultReceiver()
    {
        await using var f = await ServerFixture.StartAsync();
        using var post = await AlertmanagerApiTests.PostJsonAsync(f.Client, "/api/v2/alerts", """[{"labels":{"alertname":"NoConfig"}}]""");
        post.IsSuccessStatusCode.Should().BeTrue();
        var alert = (await AlertmanagerApiTests.GetArrayAsync(f, "/api/v2/alerts")).Should().ContainSingle().Subject!;
        alert["receivers"]![0]!["name"]!.GetValue<string>().Should().Be("default");
    }
}

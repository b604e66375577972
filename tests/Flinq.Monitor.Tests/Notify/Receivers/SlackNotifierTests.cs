using System.Text.Json;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Receivers;
using static Flinq.Monitor.Tests.Notify.Receivers.TestNotifications;

namespace Flinq.Monitor.Tests.Notify.Receivers;

public sealed class SlackNotifierTests
{
    [Fact]
    public async Task NotifyAsync_Defaults_PostsAlertmanagerShapedAttachment()
    {
        await using var server = await CaptureServer.StartAsync();
        var notifier = Parse("slack_configs", "channel: \"#ops\"\nusername: flinq", globals: new ReceiverGlobals { SlackApiUrl = server.Url("/services/T0/B0/xyz") });

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a&b"), Firing("HighCPU", "c")), CancellationToken.None);

        result.Should().Be(NotifyResult.Ok);
        notifier.SendResolved.Should().BeFalse("Alertmanager's default for Slack");
        using var doc = JsonDocument.Parse(server.Single().Body);
        var root = doc.RootElement;
        root.GetProperty("channel").GetString().Should().Be("#ops");
        root.GetProperty("username").GetString().Should().Be("flinq");
        var attachment = root.GetProperty("attachments")[0];
        attachment.GetProperty("title").GetString().Should().Be("[FIRING:2] HighCPU (critical)");
        attachment.GetProperty("title_link").GetString().Should().Be("http://127.0.0.1:7700/#/alerts?receiver=team-a");
        attachment.GetProperty("color").GetString().Should().Be("danger");
        attachment.GetProperty("fallback").GetString().Should().Be("[FIRING:2] HighCPU (critical) | http://127.0.0.1:7700/#/alerts?receiver=team-a");
        attachment.GetProperty("text").GetString().Should().StartWith("• *FIRING* HighCPU instance=a&amp;b severity=critical");
        attachment.GetProperty("mrkdwn_in").EnumerateArray().Select(e => e.GetString()).Should().Equal("fallback", "pretext", "text");
    }

    [Theory]
    [InlineData(400, "invalid_payload", false)]
    [InlineData(404, "no_service", false)]
    [InlineData(200, "not ok", false)]
    [InlineData(500, "oops", true)]
    public async Task NotifyAsync_NotOk_Classified(int status, string body, bool retryable)
    {
        await using var server = await CaptureServer.StartAsync(status, body);
        var notifier = Parse("slack_configs", $"api_url: {server.Url("/hook")}\ntitle: Disk alert");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Retryable.Should().Be(retryable);
        result.Error.Should().Contain(body);
        using var doc = JsonDocument.Parse(server.Single().Body);
        doc.RootElement.GetProperty("attachments")[0].GetProperty("title").GetString().Should().Be("Disk alert");
    }
}

using System.Text.Json;
using Flinq.Monitor.Notify;
using static Flinq.Monitor.Tests.Notify.Receivers.TestNotifications;

namespace Flinq.Monitor.Tests.Notify.Receivers;

public sealed class WeComNotifierTests
{
    [Fact]
    public async Task NotifyAsync_Markdown_PostsToKeyUrl()
    {
        await using var server = await CaptureServer.StartAsync(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        var notifier = Parse("wecom_configs", $"url: {server.Url("/cgi-bin/webhook/send")}\nkey: abc-123");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a"), Resolved("HighCPU", "b")), CancellationToken.None);

        result.Should().Be(NotifyResult.Ok);
        var request = server.Single();
        request.QueryValue("key").Should().Be("abc-123");
        using var doc = JsonDocument.Parse(request.Body);
        doc.RootElement.GetProperty("msgtype").GetString().Should().Be("markdown");
        string content = doc.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
        content.Should().StartWith("**\\[FIRING:1\\] HighCPU \\(critical\\)**\n"); // title, markdown-escaped
        content.Should().Contain("- **RESOLVED** HighCPU instance=b severity=critical (since 2026-12-07T16:55:00Z, resolved 2026-12-07T16:59:00Z)");
    }

    [Fact]
    public async Task NotifyAsync_TextWithMentions_CutAt2048Bytes()
    {
        await using var server = await CaptureServer.StartAsync(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        var notifier = Parse("wecom_configs", $"url: {server.Url("/send?key=k")}\nmessage_type: text\nmentioned_list: [\"@all\"]");
        var alerts = Enumerable.Range(0, 100).Select(i => Firing("HighCPU", "host-" + i, "负载过高 " + new string('x', 40))).ToArray();

        await notifier.NotifyAsync(Of(alerts), CancellationToken.None);

        using var doc = JsonDocument.Parse(server.Single().Body);
        var text = doc.RootElement.GetProperty("text");
        string content = text.GetProperty("content").GetString()!;
        System.Text.Encoding.UTF8.GetByteCount(content).Should().BeLessThanOrEqualTo(2048);
        content.Should().MatchRegex(@"… \d+ more alerts");
        text.GetProperty("mentioned_list")[0].GetString().Should().Be("@all");
    }

    [Theory]
    [InlineData("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}", false)]
    [InlineData("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", true)]
    public async Task NotifyAsync_Errcode_Classified(string body, bool retryable)
    {
        await using var server = await CaptureServer.StartAsync(200, body);
        var notifier = Parse("wecom_configs", $"url: {server.Url("/send?key=k")}");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Retryable.Should().Be(retryable);
        result.Error.Should().StartWith("WeCom answered code").And.Contain(body);
    }
}

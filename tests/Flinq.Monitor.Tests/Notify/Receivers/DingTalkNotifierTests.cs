using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flinq.Monitor.Notify;
using static Flinq.Monitor.Tests.Notify.Receivers.TestNotifications;

namespace Flinq.Monitor.Tests.Notify.Receivers;

public sealed class DingTalkNotifierTests
{
    [Fact]
    public async Task NotifyAsync_WithSecret_SignatureVerifiesAsDingTalkDocumentsIt()
    {
        await using var server = await CaptureServer.StartAsync(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        var now = new DateTimeOffset(2026, 12, 7, 17, 0, 0, 123, TimeSpan.Zero);
        const string secret = "SECa1b2c3+/=";
        var notifier = ParseAt(now, "dingtalk_configs", $"url: {server.Url("/robot/send")}\naccess_token: tok123\nsecret: \"{secret}\"");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Should().Be(NotifyResult.Ok);
        var request = server.Single();
        request.QueryValue("access_token").Should().Be("tok123");
        string timestamp = request.QueryValue("timestamp");
        timestamp.Should().Be(now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // DingTalk's reference code: base64(HMAC-SHA256(key=secret, msg=timestamp + "\n" + secret)), URL-encoded.
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        string expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));
        request.QueryValue("sign").Should().Be(expected);
        request.Query.Should().Contain("sign=" + Uri.EscapeDataString(expected), "the base64 signature is percent-encoded in the URL");
    }

    [Fact]
    public async Task NotifyAsync_Markdown_BodyHasTitleTextAndMentions()
    {
        await using var server = await CaptureServer.StartAsync(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        var notifier = Parse("dingtalk_configs", $"url: {server.Url("/robot/send?access_token=t")}\nat_mobiles: [\"13800000000\"]");

        await notifier.NotifyAsync(Of(Firing("Disk_Full", "db*1", "disk [95%] full")), CancellationToken.None);

        using var doc = JsonDocument.Parse(server.Single().Body);
        var root = doc.RootElement;
        root.GetProperty("msgtype").GetString().Should().Be("markdown");
        root.GetProperty("markdown").GetProperty("title").GetString().Should().Be("[FIRING:1] Disk_Full (db*1 critical)");
        string text = root.GetProperty("markdown").GetProperty("text").GetString()!;
        text.Should().Contain("- **FIRING** Disk\\_Full instance=db\\*1 severity=critical");
        text.Should().Contain("summary: disk \\[95%\\] full");
        text.Should().EndWith("@13800000000");
        root.GetProperty("at").GetProperty("atMobiles")[0].GetString().Should().Be("13800000000");
        root.GetProperty("at").GetProperty("isAtAll").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task NotifyAsync_Text_SendsPlainContent()
    {
        await using var server = await CaptureServer.StartAsync(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        var notifier = Parse("dingtalk_configs", $"url: {server.Url("/robot/send?access_token=t")}\nmessage_type: text\nat_all: true");

        await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        using var doc = JsonDocument.Parse(server.Single().Body);
        doc.RootElement.GetProperty("msgtype").GetString().Should().Be("text");
        doc.RootElement.GetProperty("text").GetProperty("content").GetString().Should().Be(
            "[FIRING:1] HighCPU (a critical)\n[FIRING] HighCPU instance=a severity=critical (since 2026-12-07T16:55:00Z)\n  summary: CPU is high\n\nhttp://127.0.0.1:7700");
        doc.RootElement.GetProperty("at").GetProperty("isAtAll").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData(200, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}", false, "code 310000")]
    [InlineData(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}", true, "code 130101")]
    [InlineData(200, "<html>proxy</html>", false, "without a result code")]
    [InlineData(502, "bad gateway", true, "HTTP 502")]
    public async Task NotifyAsync_ErrorAnswer_Classified(int status, string body, bool retryable, string errorPart)
    {
        await using var server = await CaptureServer.StartAsync(status, body);
        var notifier = Parse("dingtalk_configs", $"url: {server.Url("/robot/send?access_token=t")}");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Retryable.Should().Be(retryable);
        result.Error.Should().Contain(errorPart).And.Contain(body.Length > 20 ? body[..20] : body);
    }
}

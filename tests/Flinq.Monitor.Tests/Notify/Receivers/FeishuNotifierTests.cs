using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flinq.Monitor.Notify;
using static Flinq.Monitor.Tests.Notify.Receivers.TestNotifications;

namespace Flinq.Monitor.Tests.Notify.Receivers;

public sealed class FeishuNotifierTests
{
    [Fact]
    public async Task NotifyAsync_CardWithSecret_SignatureVerifiesAsFeishuDocumentsIt()
    {
        await using var server = await CaptureServer.StartAsync(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}");
        var now = new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero);
        var notifier = ParseAt(now, "feishu_configs", $"url: {server.Url("/open-apis/bot/v2/hook/abc")}\nsecret: demo-secret");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a<1>")), CancellationToken.None);

        result.Should().Be(NotifyResult.Ok);
        using var doc = JsonDocument.Parse(server.Single().Body);
        var root = doc.RootElement;
        string timestamp = root.GetProperty("timestamp").GetString()!;
        timestamp.Should().Be(now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        // Feishu's reference code: HMAC-SHA256 keyed by timestamp + "\n" + secret over an empty message, base64.
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(timestamp + "\n" + "demo-secret"));
        root.GetProperty("sign").GetString().Should().Be(Convert.ToBase64String(hmac.ComputeHash([])));
        root.GetProperty("msg_type").GetString().Should().Be("interactive");
        var card = root.GetProperty("card");
        card.GetProperty("header").GetProperty("title").GetProperty("content").GetString().Should().Be("[FIRING:1] HighCPU (a<1> critical)");
        card.GetProperty("header").GetProperty("template").GetString().Should().Be("red");
        card.GetProperty("elements")[0].GetProperty("text").GetProperty("content").GetString()
            .Should().StartWith("- **FIRING** HighCPU instance=a&lt;1&gt; severity=critical");
    }

    [Theory]
    [InlineData(200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}", false)]
    [InlineData(200, "{\"code\":9499,\"msg\":\"too many request\"}", true)]
    [InlineData(400, "{\"code\":9499,\"msg\":\"Bad Request\"}", true)]
    [InlineData(200, "{\"StatusCode\":1,\"StatusMessage\":\"failed\"}", false)]
    public async Task NotifyAsync_ErrorCode_Classified(int status, string body, bool retryable)
    {
        await using var server = await CaptureServer.StartAsync(status, body);
        var notifier = Parse("feishu_configs", $"url: {server.Url("/hook/x")}\nmessage_type: text");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Retryable.Should().Be(retryable);
        result.Error.Should().StartWith("Feishu answered code");
        using var doc = JsonDocument.Parse(server.Single().Body);
        doc.RootElement.GetProperty("msg_type").GetString().Should().Be("text");
        doc.RootElement.TryGetProperty("sign", out _).Should().BeFalse("no secret, no signature");
    }
}

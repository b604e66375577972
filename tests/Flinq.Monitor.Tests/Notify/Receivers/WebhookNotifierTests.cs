using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Receivers;
using Flinq.Monitor.Telemetry;
using static Flinq.Monitor.Tests.Notify.Receivers.TestNotifications;

namespace Flinq.Monitor.Tests.Notify.Receivers;

public sealed class WebhookNotifierTests
{
    private static Notification Golden()
    {
        var a = Firing("HighCPU", "a<b>&\"c") with
        {
            Annotations = Labels.FromPairs(("summary", "CPU is high"), ("description", "ü 😀\nline2")),
        };
        var b = Resolved("HighCPU", "b");
        return Of(a, b);
    }

    [Fact]
    public async Task NotifyAsync_TwoAlerts_PostsAlertmanagerV4PayloadByteForByte()
    {
        await using var server = await CaptureServer.StartAsync();
        var notifier = Parse("webhook_configs", $"url: {server.Url("/hook")}");
        var notification = Golden();

        var result = await notifier.NotifyAsync(notification, CancellationToken.None);

        result.Should().Be(NotifyResult.Ok);
        var request = server.Single();
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/hook");
        request.Headers["Content-Type"].Should().Be("application/json");
        string fp1 = Alert.FormatFingerprint(notification.Alerts[0].Fingerprint);
        string fp2 = Alert.FormatFingerprint(notification.Alerts[1].Fingerprint);
        string expected =
            "{\"receiver\":\"team-a\",\"status\":\"firing\",\"alerts\":["
            + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighCPU\",\"instance\":\"a\\u003cb\\u003e\\u0026\\\"c\",\"severity\":\"critical\"},"
            + "\"annotations\":{\"description\":\"ü 😀\\nline2\",\"summary\":\"CPU is high\"},"
            + "\"startsAt\":\"2026-12-07T16:55:00.12Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://127.0.0.1:7700/rules/HighCPU\",\"fingerprint\":\"" + fp1 + "\"},"
            + "{\"status\":\"resolved\",\"labels\":{\"alertname\":\"HighCPU\",\"instance\":\"b\",\"severity\":\"critical\"},"
            + "\"annotations\":{\"summary\":\"CPU is high\"},"
            + "\"startsAt\":\"2026-12-07T16:55:00.12Z\",\"endsAt\":\"2026-12-07T16:59:00Z\",\"generatorURL\":\"http://127.0.0.1:7700/rules/HighCPU\",\"fingerprint\":\"" + fp2 + "\"}],"
            + "\"groupLabels\":{\"alertname\":\"HighCPU\"},\"commonLabels\":{\"alertname\":\"HighCPU\",\"severity\":\"critical\"},\"commonAnnotations\":{},"
            + "\"externalURL\":\"http://127.0.0.1:7700\",\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"HighCPU\\\"}\",\"truncatedAlerts\":0}\n";
        request.BodyText.Should().Be(expected);
    }

    [Fact]
    public async Task NotifyAsync_SendResolvedFalse_DropsResolvedAndRecomputesCommonLabels()
    {
        await using var server = await CaptureServer.StartAsync();
        var notifier = Parse("webhook_configs", $"url: {server.Url("/hook")}\nsend_resolved: false");
        notifier.SendResolved.Should().BeFalse();
        var firing = Firing("HighCPU", "a") with { Annotations = Labels.FromPairs(("summary", "only me")) };

        (await notifier.NotifyAsync(Of(firing, Resolved("HighCPU", "b")), CancellationToken.None)).Success.Should().BeTrue();
        (await notifier.NotifyAsync(Of(Resolved("HighCPU", "b")), CancellationToken.None)).Should().Be(NotifyResult.Ok);

        var request = server.Single(); // the all-resolved notification sent nothing
        using var doc = JsonDocument.Parse(request.Body);
        doc.RootElement.GetProperty("alerts").GetArrayLength().Should().Be(1);
        doc.RootElement.GetProperty("commonLabels").GetProperty("instance").GetString().Should().Be("a");
        doc.RootElement.GetProperty("commonAnnotations").GetProperty("summary").GetString().Should().Be("only me");
    }

    [Fact]
    public async Task NotifyAsync_MaxAlerts_TruncatesAndCounts()
    {
        await using var server = await CaptureServer.StartAsync();
        var notifier = Parse("webhook_configs", $"url: {server.Url("/hook")}\nmax_alerts: 2");
        var notification = Of(Firing("X", "1"), Firing("X", "2"), Firing("X", "3")) with { TruncatedAlerts = 1 };

        (await notifier.NotifyAsync(notification, CancellationToken.None)).Success.Should().BeTrue();

        using var doc = JsonDocument.Parse(server.Single().Body);
        doc.RootElement.GetProperty("alerts").GetArrayLength().Should().Be(2);
        doc.RootElement.GetProperty("truncatedAlerts").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task NotifyAsync_AuthorizationConfigured_SendsBearerHeader()
    {
        await using var server = await CaptureServer.StartAsync();
        var notifier = Parse("webhook_configs", $"url: {server.Url("/hook")}\nhttp_config:\n  authorization:\n    credentials: s3cret");

        (await notifier.NotifyAsync(Of(Firing("X", "1")), CancellationToken.None)).Success.Should().BeTrue();

        server.Single().Headers["Authorization"].Should().Be("Bearer s3cret");
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public async Task NotifyAsync_ErrorStatus_ClassifiedWithBodyInError(int status, bool retryable)
    {
        await using var server = await CaptureServer.StartAsync(status, "peer says no " + new string('x', 2000));
        var notifier = Parse("webhook_configs", $"url: {server.Url("/hook?token=secret-token")}");

        var result = await notifier.NotifyAsync(Of(Firing("X", "1")), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Retryable.Should().Be(retryable);
        result.Error.Should().StartWith($"HTTP {status} from {server.BaseUrl.GetLeftPart(UriPartial.Authority)}: peer says no");
        result.Error!.Length.Should().BeLessThan(700, "the body is truncated");
        result.Error.Should().NotContain("secret-token", "URLs in errors lose their path and query");
    }

    [Fact]
    public async Task NotifyAsync_ConnectionRefused_Retryable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens on the port now
        var notifier = Parse("webhook_configs", $"url: http://127.0.0.1:{port}/hook");

        var result = await notifier.NotifyAsync(Of(Firing("X", "1")), CancellationToken.None);

        result.Should().Be(NotifyResult.RetryableFailure($"connection refused posting to http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task NotifyAsync_PeerTooSlow_RetryableTimeout()
    {
        await using var server = await CaptureServer.StartAsync();
        server.Delay = TimeSpan.FromSeconds(30);
        var notifier = Parse("webhook_configs", $"url: {server.Url("/hook")}", ReceiverOptions.Default with { Timeout = TimeSpan.FromMilliseconds(300) });

        var result = await notifier.NotifyAsync(Of(Firing("X", "1")), CancellationToken.None);

        result.Retryable.Should().BeTrue();
        result.Error.Should().StartWith("timed out after 0.3 s");
    }

    [Fact]
    public async Task NotifyAsync_CallerCancels_Throws()
    {
        await using var server = await CaptureServer.StartAsync();
        server.Delay = TimeSpan.FromSeconds(30);
        var notifier = Parse("webhook_configs", $"url: {server.Url("/hook")}");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => notifier.NotifyAsync(Of(Firing("X", "1")), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}

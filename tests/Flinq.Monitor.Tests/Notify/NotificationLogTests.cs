using Flinq.Monitor.Notify;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>The persisted notification log across a restart, and retries of failed deliveries.</summary>
public sealed class NotificationLogTests : IDisposable
{
    private const string Config = """
        route:
          receiver: team
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 1h
        receivers:
          - name: team
            test_configs: [{name: team}]
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flinq-nflog-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)] // the control: without the log on disk the restarted pipeline notifies again
    public async Task Restart_DoesNotResendWhatWasNotified(bool persisted, int expectedAfterRestart)
    {
        string? dir = persisted ? _dir : null;
        await using (var first = PipelineHarness.Create(Config, dir))
        {
            first.Fire(("alertname", "Down"), ("host", "a"));
            await first.AdvanceAsync(TimeSpan.FromSeconds(30));
            first.Notifier("team").Received.Should().ContainSingle();
        }

        var time = new FakeTimeProvider(PipelineHarness.Start + TimeSpan.FromMinutes(2));
        await using var second = PipelineHarness.Create(Config, dir, time);
        second.Fire(("alertname", "Down"), ("host", "a")); // the raiser re-sends the still-firing alert
        await second.AdvanceAsync(TimeSpan.FromMinutes(1));
        second.Notifier("team").Received.Should().HaveCount(expectedAfterRestart);

        if (persisted)
        {
            // repeat_interval (1h after the first notification at 10:00:30) still applies across the restart
            await second.AdvanceAsync(TimeSpan.FromMinutes(60));
            second.Notifier("team").Received.Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Restart_NewAlertInGroupIsNotified()
    {
        await using (var first = PipelineHarness.Create(Config, _dir))
        {
            first.Fire(("alertname", "Down"), ("host", "a"));
            await first.AdvanceAsync(TimeSpan.FromSeconds(30));
        }

        await using var second = PipelineHarness.Create(Config, _dir, new FakeTimeProvider(PipelineHarness.Start + TimeSpan.FromMinutes(2)));
        second.Fire(("alertname", "Down"), ("host", "a"));
        second.Fire(("alertname", "Down"), ("host", "b"));
        await second.AdvanceAsync(TimeSpan.FromSeconds(30));
        second.Notifier("team").Received.Should().ContainSingle().Which.Alerts.Should().HaveCount(2);
    }

    [Fact]
    public async Task RetryableFailure_RetriedWithBackoffUntilSuccess()
    {
        await using var h = PipelineHarness.Create(Config);
        h.Fire(("alertname", "Down"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        var n = h.Parser.Notifiers["team"];
        n.Enqueue(NotifyResult.RetryableFailure("HTTP 503"), NotifyResult.RetryableFailure("HTTP 502"));
        await h.AdvanceUntilAsync(() => n.Received.Count == 1, TimeSpan.FromMilliseconds(250), 400, "the third attempt succeeds");
        n.Attempts.Should().Be(3);
        var delivery = h.Pipeline.RecentDeliveries().Should().ContainSingle().Subject;
        delivery.Success.Should().BeTrue();
        delivery.Attempts.Should().Be(3);
        delivery.Integration.Should().Be("test[0]");
        (h.Now - Flinq.Time.Timestamp.FromDateTimeOffset(PipelineHarness.Start)).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(31.5), "backoff 0.5 s then 1 s after the flush at 30 s");
    }

    [Fact]
    public async Task PermanentFailure_RecordedAndTriedAgainAtNextFlush()
    {
        await using var h = PipelineHarness.Create(Config);
        h.Fire(("alertname", "Down"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        var n = h.Parser.Notifiers["team"];
        n.Enqueue(NotifyResult.PermanentFailure("HTTP 400 from hook: bad payload"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        n.Attempts.Should().Be(1, "a permanent failure is not retried within the flush");
        var failed = h.Pipeline.RecentDeliveries().Should().ContainSingle().Subject;
        failed.Success.Should().BeFalse();
        failed.Error.Should().Be("HTTP 400 from hook: bad payload");

        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        n.Received.Should().ContainSingle("the notification log has no entry, so the next flush sends it");
        h.Pipeline.RecentDeliveries()[0].Success.Should().BeTrue();
    }
}

using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>A pipeline on a <see cref="FakeTimeProvider"/> with recording integrations; time is advanced by the test.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero); // a Monday

    private PipelineHarness(NotificationPipeline pipeline, FakeTimeProvider time, RecordingNotifier.Parser parser)
    {
        Pipeline = pipeline;
        Time = time;
        Parser = parser;
    }

    public NotificationPipeline Pipeline { get; }

    public FakeTimeProvider Time { get; }

    public RecordingNotifier.Parser Parser { get; }

    public Timestamp Now => Timestamp.FromDateTimeOffset(Time.GetUtcNow());

    public static PipelineHarness Create(string yaml, string? dataDirectory = null, FakeTimeProvider? time = null, DateTimeOffset? start = null)
    {
        time ??= new FakeTimeProvider(start ?? Start);
        var parser = new RecordingNotifier.Parser();
        var pipeline = NotificationPipeline.Create(new NotificationPipelineOptions
        {
            ConfigYaml = yaml,
            DataDirectory = dataDirectory,
            TimeProvider = time,
            IntegrationParsers = [parser],
        });
        return new PipelineHarness(pipeline, time, parser);
    }

    public RecordingNotifier Notifier(string name) => Parser.Notifiers[name];

    public void Fire(params (string Name, string Value)[] labels) =>
        Pipeline.Post([new Alert { Labels = Labels.FromPairs(labels), StartsAt = Now, EndsAt = Now + TimeSpan.FromDays(1) }]);

    public void Resolve(params (string Name, string Value)[] labels) =>
        Pipeline.Post([new Alert { Labels = Labels.FromPairs(labels), StartsAt = Now - TimeSpan.FromMinutes(1), EndsAt = Now }]);

    /// <summary>Advances in one-second steps so every timer due on the way fires at its time.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        for (var left = by; left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(1))
        {
            Time.Advance(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
    }

    /// <summary>Advances time in small steps until <paramref name="condition"/> holds (for retries, whose backoff waits on the fake clock).</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step, int maxSteps, string what)
    {
        for (int i = 0; !condition(); i++)
        {
            if (i >= maxSteps)
            {
                throw new TimeoutException($"not reached after {maxSteps} steps of {step}: {what}");
            }

            Time.Advance(step);
            await Task.Delay(5);
        }
    }

    public ValueTask DisposeAsync() => Pipeline.DisposeAsync();
}

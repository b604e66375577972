using System.Text;
using Flinq.Connectors;
using Flinq.Server.Jobs;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Server.Tests.Jobs;

public sealed class JobRegistryTests : IDisposable
{
    // A fake clock: the sampler runs only when the test calls Sample().
    private readonly JobRegistry _registry = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromSeconds(1));

    public void Dispose() => _registry.Dispose();

    private static async Task<JobClient> FinishedJobAsync(string name, long records)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromGenerator(n => n, records).Rebalance().Map(n => n + 1).SinkTo(new DiscardingSink(), "Discard");
        var job = env.Start(name);
        await job.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        return job;
    }

    [Fact]
    public async Task Register_SameNameWhileRunning_ThrowsNamingIt()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromGenerator(n => n, recordsPerSecond: 10).SinkTo(new DiscardingSink(), "Discard");
        using var cancellation = new CancellationTokenSource();
        var running = env.Start("rules", cancellation.Token);
        _registry.Register(running);

        var act = () => _registry.Register(running);

        act.Should().Throw<ArgumentException>().WithMessage("*'rules'*already registered and running*");
        _registry.Find("rules")!.State.Should().Be("RUNNING");
        await cancellation.CancelAsync();
    }

    [Fact]
    public async Task Register_SameNameAfterItFinished_ReplacesIt()
    {
        _registry.Register(await FinishedJobAsync("storage", 10));
        _registry.Register(await FinishedJobAsync("storage", 20));

        _registry.List().Should().ContainSingle().Which.Metrics.Vertices[0].RecordsIn.Should().Be(20);
        _registry.Find("storage")!.State.Should().Be("FINISHED");
        _registry.Find("other").Should().BeNull();
    }

    [Fact]
    public async Task View_BeforeTwoSamples_RatesAreSinceTheStart()
    {
        _registry.Register(await FinishedJobAsync("bounded", 5_000));

        var view = _registry.Find("bounded")!;

        var source = view.Metrics.Vertices[0].Subtasks[0];
        view.Rates[0][0].RecordsOutPerSecond.Should().BeApproximately(5_000 / source.Uptime.TotalSeconds, 1e-6);
        view.Rates[0][0].BusyRatio.Should().Be(source.BusyRatioSince(null));
    }

    [Fact]
    public async Task View_TwoSamplesAfterTheJobEnded_RatesAreZero()
    {
        _registry.Register(await FinishedJobAsync("ended", 5_000));
        _registry.Sample();
        _registry.Sample();

        var view = _registry.Find("ended")!;

        view.Metrics.Vertices[1].RecordsIn.Should().Be(5_000);
        view.Rates.SelectMany(v => v).Should().OnlyContain(r => r.RecordsInPerSecond == 0 && r.RecordsOutPerSecond == 0 && r.BusyRatio == 0, "an ended task's uptime no longer grows");
    }

    [Fact]
    public async Task Exposition_EscapesLabelValuesAndWritesEveryFamilyOnce()
    {
        _registry.Register(await FinishedJobAsync("quote\"and\\slash", 100));
        var text = new StringBuilder();

        JobMetricsExposition.Render(text, _registry.List());

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain("flinq_job_up{job=\"quote\\\"and\\\\slash\"} 0");
        lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Should().OnlyHaveUniqueItems();
        lines.Should().Contain(l => l.StartsWith("flinq_job_operator_records_out_total{job=\"quote\\\"and\\\\slash\",vertex=", StringComparison.Ordinal) && l.EndsWith("\",subtask=\"0\"} 100", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("flinq_job_operator_input_watermark_milliseconds{", StringComparison.Ordinal), "the map task received the final watermark");
    }

    private sealed class DiscardingSink : Sink<long>
    {
        public override SinkWriter<long> CreateWriter(SinkContext context) => new Writer();

        private sealed class Writer : SinkWriter<long>
        {
            public override void Write(long value, Timestamp timestamp)
            {
            }
        }
    }
}

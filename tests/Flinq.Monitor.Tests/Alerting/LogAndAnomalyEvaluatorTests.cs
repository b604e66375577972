using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using static Flinq.Monitor.Tests.Alerting.R;

namespace Flinq.Monitor.Tests.Alerting;

public sealed class LogAndAnomalyEvaluatorTests
{
    private static LogRecord Log(string service, long time, int severity, string body) =>
        new() { Service = service, Timestamp = new Timestamp(time), SeverityNumber = severity, Body = body, Attributes = Labels.FromPairs(("region", "eu")) };

    [Fact]
    public async Task Log_CountsMatchingRecordsPerGroup_ActiveAtMinCount_ZeroForKnownGroupsWithoutMatches()
    {
        var rule = Change(new AlertRule
        {
            Name = Unique("errors"),
            Kind = RuleKind.Log,
            Log = new LogSpec
            {
                MinSeverity = SeverityLevel.Error,
                Contains = "timeout",
                Pattern = "db-[0-9]+",
                Matchers = [new LabelMatcher("region", LabelMatchType.Equal, "eu")],
                Window = S(10),
                GroupBy = ["service"],
                MinCount = 2,
            },
        });
        await using var rig = EvaluatorRig<LogRecord>.Start(LogEvaluator.Apply);
        await rig.ApplyAsync(rule);
        rig.Data
            .Add(Log("api", 1000, 17, "timeout talking to db-1"), 1000)
            .Add(Log("api", 2000, 21, "timeout talking to db-2"), 2000)
            .Add(Log("api", 3000, 13, "timeout talking to db-3"), 3000) // WARN: below ERROR
            .Add(Log("api", 4000, 17, "refused by db-3"), 4000)         // no "timeout"
            .Add(Log("api", 5000, 17, "timeout talking to cache"), 5000) // pattern fails
            .Add(Log("web", 6000, 17, "timeout talking to db-9"), 6000)
            .Add(Log("web", 16000, 17, "timeout talking to db-9"), 16000);

        var result = ThresholdEvaluatorTests.Sorted(await rig.FinishAsync());

        result.Should().Equal(
            "{service=\"api\"} @10000 2 active",
            "{service=\"web\"} @10000 1",
            "{service=\"api\"} @20000 0",
            "{service=\"web\"} @20000 1",
            "{service=\"api\"} @30000 0",
            "{service=\"web\"} @30000 0",
            "{service=\"api\"} @40000 0",
            "{service=\"web\"} @40000 0",
            "{service=\"web\"} @50000 0");
    }

    [Fact]
    public async Task Anomaly_OutOfOrderSamples_LearnedInTimeOrder_SpikeAfterWarmUpIsActive()
    {
        var rule = Change(new AlertRule
        {
            Name = Unique("anomaly"),
            Kind = RuleKind.Anomaly,
            Anomaly = new AnomalySpec { Selector = new MetricSelector("cpu", []), Alpha = 0.5, Deviations = 3, WarmUpSamples = 4 },
        });
        await using var rig = EvaluatorRig<MetricPoint>.Start(AnomalyEvaluator.Apply);
        await rig.ApplyAsync(rule);

        // In time order: 10 12 10 12 10 100. By hand (d = x − mean; mean += d/2; var = (var + d²/2)/2):
        // means 10, 11, 10.5, 11.25, 10.625; variances 0, 1, 0.75, 0.9375, 0.859375. The fifth sample (10) is the
        // first after warm-up: |10 − 11.25| = 1.25 < 3·√0.9375 ≈ 2.9; the sixth: |100 − 10.625| > 3·√0.859375 ≈ 2.8.
        long[] order = [3000, 1000, 2000, 6000, 5000, 4000];
        double[] values = [10, 12, 10, 12, 10, 100];
        foreach (long t in order)
        {
            rig.Data.Add(P("a", t, values[(t / 1000) - 1]), t);
        }

        rig.Data.Watermark(10_000);
        await rig.WaitForAsync(6);

        rig.Output.Values.Select(Format).Should().Equal(
            "{__name__=\"cpu\", host=\"a\"} @1000 10",
            "{__name__=\"cpu\", host=\"a\"} @2000 12",
            "{__name__=\"cpu\", host=\"a\"} @3000 10",
            "{__name__=\"cpu\", host=\"a\"} @4000 12",
            "{__name__=\"cpu\", host=\"a\"} @5000 10",
            "{__name__=\"cpu\", host=\"a\"} @6000 100 active");

        rig.Data.Add(P("a", 5500, 1000), 5500); // behind the watermark: late
        await rig.FinishAsync();
        rig.Output.Count.Should().Be(6);
        RuleChangeCounter.Late(rule.Rule!.Name).Should().Be(1);
    }
}

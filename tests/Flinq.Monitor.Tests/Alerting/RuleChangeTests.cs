using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using static Flinq.Monitor.Tests.Alerting.R;

namespace Flinq.Monitor.Tests.Alerting;

public sealed class RuleChangeTests
{
    [Fact]
    public async Task Update_ThresholdOnly_KeepsTheWindowAndAppliesToItsEvaluation()
    {
        string name = Unique("upd");
        var rule = Threshold(name, Aggregation.Max, Comparison.GreaterThan, 50, S(10));
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rule);
        rig.Data.Add(P("a", 1000, 40), 1000).Watermark(9000); // whether it passes before or after the update, it stays

        await rig.ApplyAsync(Threshold(name, Aggregation.Max, Comparison.GreaterThan, 30, S(10)));
        rig.Data.Add(P("a", 2000, 35), 2000).Watermark(10_000);
        await rig.WaitForAsync(1);

        Format(rig.Output.Values[0]).Should().Be("{} @10000 40 active", "the sample before the update stays in the window, and the new threshold 30 applies");
    }

    [Fact]
    public async Task Update_WindowChanged_DropsCollectedSamples()
    {
        string name = Unique("respec");
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        var witness = Threshold(Unique("witness"), Aggregation.Count, Comparison.GreaterThan, 0, S(1));
        await rig.ApplyAsync(Threshold(name, Aggregation.Count, Comparison.GreaterThan, 0, S(10)), witness);
        rig.Data.Add(P("a", 1000, 1), 1000).Add(P("a", 2000, 1), 2000).Watermark(3000);
        await rig.WaitForAsync(2); // the witness's windows ending at 2 s and 3 s: the samples went through

        await rig.ApplyAsync(Threshold(name, Aggregation.Count, Comparison.GreaterThan, 0, S(20)));
        rig.Data.Add(P("a", 4000, 1), 4000).Watermark(20_000);
        await rig.WaitUntilAsync(() => rig.Output.Values.Any(e => e.Rule == name));

        Format(rig.Output.Values.First(e => e.Rule == name)).Should().Be("{} @20000 1 active", "the two samples collected under the 10 s window were dropped with it");
    }

    [Fact]
    public async Task Delete_MidStream_NoMoreEvaluationsAndStateDropped_RecreatedRuleStartsEmpty()
    {
        string name = Unique("del");
        var rule = Threshold(name, Aggregation.Count, Comparison.GreaterThan, 0, S(10));
        var witness = Threshold(Unique("witness"), Aggregation.Count, Comparison.GreaterThan, 0, S(10));
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rule, witness);
        rig.Data.Add(P("a", 1000, 1), 1000).Watermark(10_000).Add(P("a", 11_000, 1), 11_000).Add(P("a", 12_000, 1), 12_000);
        await rig.WaitForAsync(2);

        await rig.ApplyAsync(Delete(name));
        rig.Data.Add(P("a", 13_000, 1), 13_000).Watermark(20_000).Add(P("a", 21_000, 1), 21_000).Watermark(29_000);

        // The witness rule's window [10 s, 20 s) proves the data up to the last watermark went through before the re-create.
        await rig.WaitForAsync(3);
        await rig.ApplyAsync(Threshold(name, Aggregation.Count, Comparison.GreaterThan, 0, S(10)));
        rig.Data.Add(P("a", 29_500, 1), 29_500);
        var result = ThresholdEvaluatorTests.Sorted((await rig.FinishAsync()).Where(e => e.Rule == name));

        result.Take(2).Should().Equal("{} @10000 1 active", "{} @30000 1 active");
        result.Should().NotContain(s => s.Contains("@20000", StringComparison.Ordinal), "the deleted rule evaluated nothing and its window [10 s, 20 s) was dropped");
    }

    [Fact]
    public async Task Disable_MidStream_StopsEvaluations()
    {
        string name = Unique("dis");
        var rule = Threshold(name, Aggregation.Count, Comparison.GreaterThan, 0, S(10));
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rule);
        rig.Data.Add(P("a", 1000, 1), 1000).Watermark(10_000).Add(P("a", 11_000, 1), 11_000);
        await rig.WaitForAsync(1);

        await rig.ApplyAsync(Change(rule.Rule! with { Enabled = false }));
        rig.Data.Add(P("a", 12_000, 1), 12_000);
        var result = await rig.FinishAsync();

        result.Should().ContainSingle();
    }

    [Fact]
    public async Task RuleEvaluators_OneRuleStreamBroadcastToAllEvaluators_UnionOfEvaluations()
    {
        var threshold = Threshold(Unique("all-t"), Aggregation.Max, Comparison.GreaterThan, 0, S(10));
        var log = Change(new AlertRule
        {
            Name = Unique("all-l"),
            Kind = RuleKind.Log,
            Log = new LogSpec { Window = S(10), MinCount = 1 },
        });
        var anomaly = Change(new AlertRule
        {
            Name = Unique("all-a"),
            Kind = RuleKind.Anomaly,
            Anomaly = new AnomalySpec { Selector = new MetricSelector("cpu", []), WarmUpSamples = 1 },
        });
        await using var rig = EvaluatorRig<(MetricPoint? Metric, LogRecord? Log)>.Start(
            (data, rules) => RuleEvaluators.Apply(
                data.Filter(d => d.Metric is not null).Map(d => d.Metric!.Value),
                data.Filter(d => d.Log is not null).Map(d => d.Log!),
                rules),
            instancesPerChange: 6);
        await rig.ApplyAsync(threshold, log, anomaly);
        rig.Data.Add((P("a", 1000, 5), null), 1000).Add((null, new LogRecord { Timestamp = new Time.Timestamp(2000), Body = "x" }), 2000);

        var result = await rig.FinishAsync();

        result.Select(e => e.Rule).Distinct().Should().BeEquivalentTo(threshold.Name, log.Name, anomaly.Name);
    }

    private sealed record Batch(List<MetricPoint> Metrics, List<LogRecord> Logs);

    [Fact]
    public async Task FromBatches_SplitsIngestBatchesAndAssignsEventTime()
    {
        var threshold = Threshold(Unique("batch-t"), Aggregation.Sum, Comparison.GreaterThan, 2, S(10));
        var log = Change(new AlertRule { Name = Unique("batch-l"), Kind = RuleKind.Log, Log = new LogSpec { Window = S(10), MinCount = 2 } });
        await using var rig = EvaluatorRig<IReadOnlyList<Batch>>.Start(
            (data, rules) => RuleEvaluators.FromBatches(data, b => b.Metrics, b => b.Logs, rules, maxOutOfOrderness: S(1)),
            instancesPerChange: 6);
        await rig.ApplyAsync(threshold, log);
        LogRecord L(long t) => new() { Timestamp = new Time.Timestamp(t), Body = "x" };
        rig.Data.Add([new Batch([P("a", 1000, 1), P("a", 2000, 2)], [L(1500)]), new Batch([], [L(2500)])], 0);

        var result = await rig.FinishAsync();

        result.Where(e => e.Time.Milliseconds == 10_000).Select(e => (e.Rule, e.Value, e.Active)).Should().BeEquivalentTo(
            [(threshold.Name, 3.0, true), (log.Name, 2.0, true)]);
    }
}

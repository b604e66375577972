using CsCheck;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using static Flinq.Monitor.Tests.Alerting.R;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>Arrival order within the watermark bound does not matter; a savepoint in the middle changes nothing.</summary>
public sealed class EvaluatorStateTests : IDisposable
{
    private const long OutOfOrderness = 5000;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-evaluators-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static RuleChange[] SomeRules(string prefix) =>
    [
        Threshold(prefix + "-avg", Aggregation.Avg, Comparison.GreaterThan, 50, S(10), groupBy: ["host"]),
        Threshold(prefix + "-rate", Aggregation.Rate, Comparison.GreaterThan, 1, S(20), slide: S(5)),
        Threshold(prefix + "-p90", Aggregation.Quantile, Comparison.GreaterThan, 80, S(15), quantile: 0.9, groupBy: ["host"]),
        Threshold(prefix + "-max", Aggregation.Max, Comparison.LessThan, 10, S(30), slide: S(10), groupBy: ["host"], delay: S(2)),
    ];

    private static List<string> Canonical(IEnumerable<RuleEvaluation> evaluations) =>
        evaluations.Select(e => e.Rule[(e.Rule.LastIndexOf('-') + 1)..] + " " + Format(e)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Plays samples in the given order with a bounded-out-of-orderness watermark after each.</summary>
    private static async Task<List<string>> Play(RuleChange[] rules, IEnumerable<MetricPoint> points)
    {
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rules);
        long max = long.MinValue;
        foreach (var p in points)
        {
            max = Math.Max(max, p.Timestamp.Milliseconds);
            rig.Data.Add(p, p.Timestamp.Milliseconds).Watermark(max - OutOfOrderness - 1);
        }

        return Canonical(await rig.FinishAsync());
    }

    [Fact]
    public async Task OutOfOrderWithinBound_SameEvaluationsAsInOrder()
    {
        var gen = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 60_000], Gen.Int[0, 100], Gen.Int[0, (int)OutOfOrderness - 1]).Array[1, 40];
        await gen.SampleAsync(async samples =>
        {
            var unique = samples.DistinctBy(s => (s.Item1, s.Item2)).ToArray();
            var points = unique.Select(s => P("h" + s.Item1, s.Item2, s.Item3)).ToArray();
            var inOrder = points.OrderBy(p => p.Timestamp.Milliseconds).ToArray();
            // Each sample arrives as if delayed by its jitter (< the bound): never behind the watermark.
            var shuffled = unique.OrderBy(s => s.Item2 + s.Item4).Select(s => P("h" + s.Item1, s.Item2, s.Item3)).ToArray();
            string prefix = Unique("ooo");

            var expected = await Play(SomeRules(prefix + "a"), inOrder);
            var actual = await Play(SomeRules(prefix + "b"), shuffled);

            actual.Should().Equal(expected, $"missing {string.Join("; ", expected.Except(actual))}, extra {string.Join("; ", actual.Except(expected))}, late {string.Join(",", SomeRules(prefix + "b").Select(r => RuleChangeCounter.Late(r.Name)))}, order {string.Join(" ", shuffled.Select(p => p.Labels.Get("host") + ":" + p.Timestamp.Milliseconds))}");
            expected.Should().NotBeEmpty();
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task StopWithSavepointAndRestore_SameEvaluationsAsUninterruptedRun()
    {
        var points = Enumerable.Range(0, 120).Select(i => P("h" + (i % 3), (i * 700) + (i % 7 * 100), (i * 37) % 100)).ToArray();
        long Wm(int i) => points.Take(i + 1).Max(p => p.Timestamp.Milliseconds) - OutOfOrderness - 1;
        string prefix = Unique("sp");
        var rules = SomeRules(prefix);
        var expected = await Play(rules, points);

        // First half, then stop with a savepoint once the first half has been evaluated as far as its watermark allows.
        int half = points.Length / 2;
        var expectedBeforeStop = expected.Count(s => long.Parse(s.Split('@')[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) <= Wm(half - 1) - 2000 - 1000);
        List<RuleEvaluation> first;
        string savepoint;
        await using (var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply))
        {
            await rig.ApplyAsync(rules);
            for (int i = 0; i < half; i++)
            {
                rig.Data.Add(points[i], points[i].Timestamp.Milliseconds).Watermark(Wm(i));
            }

            rig.Data.Add(P("probe", 0, 0, metric: "unselected"), 0); // nothing to evaluate; just the last record
            await rig.WaitForAsync(expectedBeforeStop);
            savepoint = await rig.Job.StopWithSavepointAsync(Path.Combine(_root, "savepoints"));
            await rig.Job.Completion.WaitAsync(TimeSpan.FromSeconds(60));
            first = [.. rig.Output.Values];
        }

        IReadOnlyList<RuleEvaluation> second;
        await using (var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply, configure: o => o.Checkpointing.RestorePath = savepoint))
        {
            for (int i = half; i < points.Length; i++)
            {
                rig.Data.Add(points[i], points[i].Timestamp.Milliseconds).Watermark(Wm(i));
            }

            second = await rig.FinishAsync();
        }

        Canonical(first.Concat(second)).Should().Equal(expected);
    }

    /// <summary>
    /// A host reports every second (hot) until t = 9 s; the job stops with a savepoint and restarts 20 s of event time
    /// later (the server was down), and the host goes on reporting. The windows of the downtime are not evaluated: no
    /// NoData, so a firing alert would not resolve and fire again. The control, the same gap in one run (the host was
    /// silent while the server ran), reports NoData for it.
    /// </summary>
    [Fact]
    public async Task RestoreAfterDowntime_DowntimeWindowsNotNoData_SameGapWithoutRestartIs()
    {
        var before = Enumerable.Range(0, 10).Select(i => P("a", i * 1000L, 95)).ToArray();
        var after = Enumerable.Range(30, 10).Select(i => P("a", i * 1000L, 95)).ToArray();
        static bool InGap(RuleEvaluation e) => e.NoData && e.Time.Milliseconds > 10_000 && e.Time.Milliseconds <= 30_000;

        var control = await Play([Threshold(Unique("gap"), Aggregation.Max, Comparison.GreaterThan, 90, S(1), groupBy: ["host"])], before.Concat(after));
        control.Should().Contain(e => e.Contains("nodata", StringComparison.OrdinalIgnoreCase), "a gap while the job runs is NoData: " + string.Join("; ", control));

        var rule = Threshold(Unique("gap"), Aggregation.Max, Comparison.GreaterThan, 90, S(1), groupBy: ["host"]);
        List<RuleEvaluation> first;
        string savepoint;
        await using (var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply))
        {
            await rig.ApplyAsync(rule);
            foreach (var p in before)
            {
                rig.Data.Add(p, p.Timestamp.Milliseconds).Watermark(p.Timestamp.Milliseconds - OutOfOrderness - 1);
            }

            await rig.WaitForAsync(4); // windows ending at 1..4 s are due at watermark 9 s − 5 s
            savepoint = await rig.Job.StopWithSavepointAsync(Path.Combine(_root, "gap-savepoint"));
            await rig.Job.Completion.WaitAsync(TimeSpan.FromSeconds(60));
            first = [.. rig.Output.Values];
        }

        IReadOnlyList<RuleEvaluation> second;
        await using (var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply, configure: o => o.Checkpointing.RestorePath = savepoint))
        {
            foreach (var p in after)
            {
                rig.Data.Add(p, p.Timestamp.Milliseconds).Watermark(p.Timestamp.Milliseconds - OutOfOrderness - 1);
            }

            second = await rig.FinishAsync();
        }

        var all = first.Concat(second).ToList();
        all.Where(InGap).Should().BeEmpty("the downtime windows are unknown, not empty: " + string.Join("; ", all.Select(Format)));
        all.Where(e => e.Active).Select(e => e.Time.Milliseconds).Should().Equal(
            [.. Enumerable.Range(1, 10).Select(i => i * 1000L), .. Enumerable.Range(31, 10).Select(i => i * 1000L)], "every window with a sample is evaluated once, before and after the restart");
    }

    [Fact]
    public async Task GroupsThatStopReporting_AreForgotten_SavepointShrinksBack()
    {
        var rule = Threshold(Unique("bounded"), Aggregation.Max, Comparison.GreaterThan, 0, S(10), groupBy: ["host"]);
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rule);
        for (int h = 0; h < 2000; h++)
        {
            rig.Data.Add(P("gone-" + h, 1000 + h, h), 1000 + h);
        }

        rig.Data.Add(P("busy", 1000, 1), 1000).Watermark(10_000);
        await rig.WaitForAsync(2001);
        long withGroups = Size(await rig.Job.TriggerSavepointAsync(Path.Combine(_root, "a")));

        // The busy group keeps event time moving: each silent group reports NoData three times, then is dropped.
        for (long t = 11_000; t < 60_000; t += 10_000)
        {
            rig.Data.Add(P("busy", t, 1), t).Watermark(t + 9_000);
        }

        await rig.WaitForAsync(2001 + (3 * 2000) + 5);
        long afterForgetting = Size(await rig.Job.TriggerSavepointAsync(Path.Combine(_root, "b")));

        rig.Output.Values.Count(e => e.NoData).Should().Be(3 * 2000);
        afterForgetting.Should().BeLessThan(withGroups / 10, $"2,000 forgotten groups must leave the state (was {withGroups} bytes, now {afterForgetting})");
    }

    private static long Size(string path) =>
        File.Exists(path) ? new FileInfo(path).Length : new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}

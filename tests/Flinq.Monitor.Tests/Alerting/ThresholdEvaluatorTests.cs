using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using static Flinq.Monitor.Tests.Alerting.R;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>Hand-checked tables: points and watermarks in, evaluations out (formatted <c>group @end value [active|nodata]</c>).</summary>
public sealed class ThresholdEvaluatorTests
{
    private static async Task<List<string>> Run(RuleChange rule, IEnumerable<MetricPoint> points, long? watermark = null)
    {
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rule);
        foreach (var p in points)
        {
            rig.Data.Add(p, p.Timestamp.Milliseconds);
        }

        if (watermark is { } w)
        {
            rig.Data.Watermark(w);
        }

        var all = await rig.FinishAsync();
        all.Should().OnlyContain(e => e.Rule == rule.Name);
        return Sorted(all);
    }

    internal static List<string> Sorted(IEnumerable<RuleEvaluation> evaluations) =>
        evaluations.OrderBy(e => e.Time.Milliseconds).ThenBy(e => e.Group.ToString(), StringComparer.Ordinal).Select(Format).ToList();

    // One window [0, 10 s) with 10, 20, 60, 30 and one [10 s, 20 s) with 100; then three empty windows (NoData) and the group is forgotten.
    private static readonly MetricPoint[] s_twoWindows = [P("a", 1000, 10), P("a", 4000, 20), P("a", 9000, 60), P("a", 9999, 30), P("a", 12000, 100)];

    [Theory]
    [InlineData(Aggregation.Avg, 0, "30", "100")]
    [InlineData(Aggregation.Min, 0, "10", "100")]
    [InlineData(Aggregation.Max, 0, "60", "100")]
    [InlineData(Aggregation.Sum, 0, "120", "100")]
    [InlineData(Aggregation.Count, 0, "4", "1")]
    [InlineData(Aggregation.Quantile, 0.5, "25", "100")] // sorted 10 20 30 60: rank 1.5 → (20 + 30) / 2
    [InlineData(Aggregation.Quantile, 0.9, "51", "100")] // rank 2.7 → 30·0.3 + 60·0.7
    [InlineData(Aggregation.Quantile, 0, "10", "100")]
    [InlineData(Aggregation.Quantile, 1, "60", "100")]
    public async Task Aggregation_TumblingWindows_HandCheckedValues(Aggregation aggregation, double q, string first, string second)
    {
        var rule = Threshold(Unique("agg"), aggregation, Comparison.GreaterThan, 50, S(10), groupBy: ["host"], quantile: q);

        var result = await Run(rule, s_twoWindows);

        string Active(string v) => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) > 50 ? " active" : string.Empty;
        result.Should().Equal(
            $"{{host=\"a\"}} @10000 {first}{Active(first)}",
            $"{{host=\"a\"}} @20000 {second}{Active(second)}",
            "{host=\"a\"} @30000 NaN nodata",
            "{host=\"a\"} @40000 NaN nodata",
            "{host=\"a\"} @50000 NaN nodata");
    }

    [Theory]
    [InlineData(Comparison.GreaterThan, "", "")]
    [InlineData(Comparison.GreaterOrEqual, " active", "")]
    [InlineData(Comparison.LessThan, "", " active")]
    [InlineData(Comparison.LessOrEqual, " active", " active")]
    [InlineData(Comparison.Equal, " active", "")]
    [InlineData(Comparison.NotEqual, "", " active")]
    public async Task Comparison_AgainstThreshold_DecidesActive(Comparison comparison, string at30, string at20)
    {
        var rule = Threshold(Unique("cmp"), Aggregation.Max, comparison, 30, S(10));

        var result = await Run(rule, [P("a", 1000, 30), P("a", 11000, 20)]);

        result.Take(2).Should().Equal("{} @10000 30" + at30, "{} @20000 20" + at20);
    }

    [Fact]
    public async Task SlidingWindow_EachSampleCountsInEveryWindowHoldingIt()
    {
        var rule = Threshold(Unique("slide"), Aggregation.Sum, Comparison.GreaterOrEqual, 6, S(20), slide: S(10));

        var result = await Run(rule, [P("a", 5000, 1), P("a", 15000, 2), P("a", 25000, 4)]);

        // Windows [end − 20 s, end) every 10 s.
        result.Should().Equal(
            "{} @10000 1", "{} @20000 3", "{} @30000 6 active", "{} @40000 4",
            "{} @50000 NaN nodata", "{} @60000 NaN nodata", "{} @70000 NaN nodata");
    }

    [Fact]
    public async Task TumblingWindow_SameData_EachSampleInOneWindow()
    {
        var rule = Threshold(Unique("tumble"), Aggregation.Sum, Comparison.GreaterOrEqual, 4, S(10));

        var result = await Run(rule, [P("a", 5000, 1), P("a", 15000, 2), P("a", 25000, 4)]);

        result.Should().Equal(
            "{} @10000 1", "{} @20000 2", "{} @30000 4 active",
            "{} @40000 NaN nodata", "{} @50000 NaN nodata", "{} @60000 NaN nodata");
    }

    [Fact]
    public async Task GroupBy_SeriesOfOneGroupAggregateTogether_OthersApart()
    {
        var rule = Threshold(Unique("group"), Aggregation.Avg, Comparison.GreaterThan, 15, S(10), groupBy: ["dc"]);
        MetricPoint At(string host, string dc, double v) => new("cpu", Labels.FromPairs(("host", host), ("dc", dc)), new Time.Timestamp(1000), v, MetricKind.Gauge);

        var result = await Run(rule, [At("a", "x", 10), At("b", "x", 30), At("c", "y", 5), P("nodc", 2000, 7)]);

        result.Take(3).Should().Equal("{dc=\"x\"} @10000 20 active", "{dc=\"y\"} @10000 5", "{} @10000 7");
    }

    [Fact]
    public async Task Selector_MatchersAndName_OnlySelectedSeriesCount()
    {
        var rule = Threshold(Unique("sel"), Aggregation.Count, Comparison.GreaterThan, 0, S(10), metric: "cpu",
            matchers: [new LabelMatcher("host", LabelMatchType.Regex, "web-.*")]);

        var result = await Run(rule, [P("web-1", 1000, 1), P("db-1", 1000, 1), P("web-2", 2000, 1, metric: "mem")]);

        result[0].Should().Be("{} @10000 1 active");
    }

    [Fact]
    public async Task Rate_CounterResetInWindow_AddsValueBeforeDropAndExtrapolatesLikePrometheus()
    {
        var rule = Threshold(Unique("rate"), Aggregation.Rate, Comparison.GreaterThan, 0.5, S(60), groupBy: ["host"]);

        // 100 110 120 | reset | 5 15 25 every 10 s from 5 s: increase 25 − 100 + 120 = 45 over 50 s sampled;
        // both edges 5 s away (< 1.1 × 10 s), so extrapolate to 60 s: 45 · 60 / 50 = 54, per second 0.9.
        var result = await Run(rule, [P("a", 5000, 100), P("a", 15000, 110), P("a", 25000, 120), P("a", 35000, 5), P("a", 45000, 15), P("a", 55000, 25)]);

        result[0].Should().Be("{host=\"a\"} @60000 0.9 active");
    }

    [Fact]
    public async Task Rate_ExtrapolationStopsAtZeroAndAtHalfAnInterval()
    {
        var rule = Threshold(Unique("rate0"), Aggregation.Rate, Comparison.GreaterThan, 1, S(60));

        // Samples 2 and 12 at 30 s and 40 s: increase 10 over 10 s. Start edge: 30 s away but the counter was zero
        // 2 s before the first sample → 2 s (< 11 s, extrapolated). End edge: 20 s away > 11 s → half an interval, 5 s.
        // 10 · (10 + 2 + 5) / 10 = 17, per second 17 / 60.
        var result = await Run(rule, [P("a", 30000, 2), P("a", 40000, 12)]);

        result[0].Should().Be("{} @60000 " + Math.Round(17.0 / 60, 9).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Rate_SumsSeriesOfTheGroup_SingleSampleSeriesCountNothing_NoSeriesWithTwoIsNoData()
    {
        var rule = Threshold(Unique("rates"), Aggregation.Rate, Comparison.GreaterThan, 100, S(10));

        // a: 0 → 10 from 0 s to 9 s + rest... use edges at 0 and 9.999 s: extrapolation fills the window exactly.
        var result = await Run(rule, [P("a", 0, 0), P("a", 5000, 5), P("b", 0, 0), P("b", 5000, 10), P("c", 3000, 1), P("c", 13000, 1)]);

        // a: increase 5 over 5 s, start edge 0 s, end edge 5 s < 5.5 s → extrapolate to 10 s: 10 / 10 s = 1; b: 2; c: one sample.
        // Window 2 only c with one sample: NoData.
        result.Take(2).Should().Equal("{} @10000 3", "{} @20000 NaN nodata");
    }

    [Fact]
    public async Task EvaluationDelay_WindowFiresOnlyWhenWatermarkPassesEndPlusDelay()
    {
        var rule = Threshold(Unique("delay"), Aggregation.Max, Comparison.GreaterThan, 0, S(10), delay: S(5));
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rule);

        rig.Data.Add(P("a", 1000, 1), 1000).Watermark(14_998).Add(P("a", 9500, 7), 9500).Watermark(14_999);
        await rig.WaitForAsync(1);

        Format(rig.Output.Values[0]).Should().Be("{} @10000 7 active", "the sample at 9.5 s arrived before the watermark reached 10 s − 1 ms + 5 s");
    }

    [Fact]
    public async Task LateSample_AfterItsWindowsFired_IsDroppedAndCounted()
    {
        var rule = Threshold(Unique("late"), Aggregation.Count, Comparison.GreaterThan, 0, S(10));
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rule);

        rig.Data.Add(P("a", 1000, 1), 1000).Watermark(10_000);
        await rig.WaitForAsync(1); // the watermark has reached the window operator
        rig.Data.Add(P("a", 5000, 1), 5000).Add(P("a", 15000, 1), 15000);
        var result = Sorted(await rig.FinishAsync());

        result.Take(2).Should().Equal("{} @10000 1 active", "{} @20000 1 active");
        RuleChangeCounter.Late(rule.Name).Should().Be(1);
    }

    [Fact]
    public async Task NoData_GroupSilentWhileOthersAdvanceTime_ThreeNoDataThenForgotten_ReturningGroupStartsAfresh()
    {
        var rule = Threshold(Unique("nodata"), Aggregation.Max, Comparison.GreaterThan, 0, S(10), groupBy: ["host"]);
        await using var rig = EvaluatorRig<MetricPoint>.Start(ThresholdEvaluator.Apply);
        await rig.ApplyAsync(rule);

        rig.Data.Add(P("quiet", 1000, 1), 1000);
        for (long t = 1000; t < 100_000; t += 10_000)
        {
            rig.Data.Add(P("busy", t, 1), t).Watermark(t + 9_000);
        }

        rig.Data.Add(P("quiet", 101_000, 1), 101_000);
        var quiet = Sorted(await rig.FinishAsync()).Where(s => s.Contains("quiet", StringComparison.Ordinal)).ToList();

        quiet.Should().Equal(
            "{host=\"quiet\"} @10000 1 active",
            "{host=\"quiet\"} @20000 NaN nodata",
            "{host=\"quiet\"} @30000 NaN nodata",
            "{host=\"quiet\"} @40000 NaN nodata",
            "{host=\"quiet\"} @110000 1 active",
            "{host=\"quiet\"} @120000 NaN nodata",
            "{host=\"quiet\"} @130000 NaN nodata",
            "{host=\"quiet\"} @140000 NaN nodata");
    }
}

using Flinq.Time;
using System.Globalization;
using Flinq.Functions;
using Flinq.State;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Examples.Watermarks;

/// <summary>
/// Per key, the count and sum of readings in 10-second event-time windows. Readings may arrive up to 2 s out of
/// order (the watermark's bound); a window stays open 5 s more for late readings (allowed lateness), each of
/// which fires it again with the updated result; readings later than that go to a side output.
/// </summary>
internal static class WatermarksJob
{
    public static readonly TimeSpan OutOfOrderness = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan WindowSize = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan AllowedLateness = TimeSpan.FromSeconds(5);

    /// <summary>Builds the job; returns the window results and the readings that came too late, as text lines.</summary>
    public static (DataStream<string> Results, DataStream<string> TooLate) Build(StreamExecutionEnvironment env, IReadOnlyList<Reading> readings)
    {
        var tooLate = new OutputTag<Reading>("too-late");

        // Event time from each reading's Ts; the watermark trails the highest timestamp by the bound, emitted after
        // every reading (punctuated) so the printed output is the same on every run.
        var watermarks = WatermarkStrategy<Reading>
            .ForGenerator(_ => new PunctuatedBoundedOutOfOrderness(OutOfOrderness))
            .WithTimestampAssigner(r => r.Ts);
        var stream = env.FromCollection(readings, "Readings").AssignTimestampsAndWatermarks(watermarks);

        var windows = stream
            .KeyBy(r => r.Key)
            .Window(TumblingEventTimeWindows.Of(WindowSize))
            .AllowedLateness(AllowedLateness)
            .SideOutputLateData(tooLate)
            .Aggregate(new CountAndSum(), new DescribeFiring());

        var lateLines = windows.GetSideOutput(tooLate).Map(r => $"{r.Key} at {Time(r.Ts)} value={Number(r.Value)} (its window is closed)");
        return (windows, lateLines);
    }

    public static IReadOnlyList<string> SampleLines { get; } =
    [
        """{"key":"a","ts":1767225601000,"value":1}""",
        """{"key":"b","ts":1767225602000,"value":10}""",
        """{"key":"a","ts":1767225604000,"value":2}""",
        """{"key":"a","ts":1767225603000,"value":3}""",
        """{"key":"b","ts":1767225611000,"value":20}""",
        """{"key":"a","ts":1767225613000,"value":4}""",
        """{"key":"a","ts":1767225609000,"value":5}""",
        """{"key":"b","ts":1767225617000,"value":30}""",
        """{"key":"a","ts":1767225608000,"value":6}""",
        """{"key":"a","ts":1767225621000,"value":7}""",
    ];

    public static IReadOnlyList<Reading> SampleInput { get; } = SampleLines.Select(Reading.Parse).ToArray();

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class CountAndSum : IAggregateFunction<Reading, (long Count, double Sum), (long Count, double Sum)>
    {
        public (long Count, double Sum) CreateAccumulator() => (0, 0);

        public (long Count, double Sum) Add(Reading value, (long Count, double Sum) accumulator) => (accumulator.Count + 1, accumulator.Sum + value.Value);

        public (long Count, double Sum) GetResult((long Count, double Sum) accumulator) => accumulator;

        public (long Count, double Sum) Merge((long Count, double Sum) a, (long Count, double Sum) b) => (a.Count + b.Count, a.Sum + b.Sum);
    }

    /// <summary>Formats a window result; counts the window's firings in per-window state to tell late firings apart.</summary>
    private sealed class DescribeFiring : ProcessWindowFunction<(long Count, double Sum), string, string, TimeWindow>
    {
        private static readonly ValueStateDescriptor<int> s_firings = new("firings");

        public override void Process(string key, IProcessWindowContext<TimeWindow> context, IEnumerable<(long Count, double Sum)> elements, ICollector<string> output)
        {
            var firings = context.WindowState(s_firings);
            firings.Update(firings.Value + 1);
            var (count, sum) = elements.Single();
            var window = context.Window;
            string kind = firings.Value == 1 ? "on time" : $"late firing {firings.Value}";
            output.Collect($"{key} [{Time(window.Start.Milliseconds)}, {Time(window.End.Milliseconds)}) count={count} sum={Number(sum)} ({kind})");
        }

        public override void Clear(IProcessWindowContext<TimeWindow> context) => context.WindowState(s_firings).Clear();
    }
}

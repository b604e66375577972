using System.Globalization;
using Flinq.Functions;
using Flinq.State;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Examples.PageViews;

/// <summary>
/// Daily PV and UV per page in a time zone: calendar-day event-time windows per page, a running total every
/// 10 s of event time through the day (a continuous trigger) and the final values when the watermark passes
/// the day's end.
/// </summary>
public static class PageViewsJob
{
    /// <summary>How often, in event time, running totals are emitted.</summary>
    public static readonly TimeSpan RunningInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Builds the job on <paramref name="views"/>, which must carry event-time timestamps and watermarks. For
    /// every page and day of <paramref name="zone"/>: at every 10-s tick of event time at which the page's
    /// counts changed since the last line, a running line (<c>final</c> false); when the watermark passes the
    /// day's end, one final line. Views later than the watermark at their day's end are dropped (no lateness).
    /// Exact UV keeps every user id of the day; <paramref name="approximate"/> keeps a 4 KiB HyperLogLog instead.
    /// </summary>
    public static DataStream<PageViewCount> Build(DataStream<PageView> views, TimeZoneInfo zone, bool approximate)
    {
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(zone);
        return views
            .KeyBy(v => v.PageId)
            .Window(TumblingEventTimeWindows.OfDays(1, zone))
            .Trigger(ContinuousEventTimeTrigger.Of(RunningInterval))
            .Aggregate(new CountViews(approximate), new EmitWhenChanged(zone, approximate))
            .Name("Daily PV/UV");
    }

    private sealed class CountViews(bool approximate) : IAggregateFunction<PageView, PageAccumulator, (long Pv, long Uv)>
    {
        public PageAccumulator CreateAccumulator() => new(approximate);

        public PageAccumulator Add(PageView value, PageAccumulator accumulator)
        {
            accumulator.Add(value.UserId);
            return accumulator;
        }

        public (long Pv, long Uv) GetResult(PageAccumulator accumulator) => (accumulator.Views, accumulator.DistinctUsers);

        public PageAccumulator Merge(PageAccumulator a, PageAccumulator b)
        {
            a.Merge(b);
            return a;
        }
    }

    /// <summary>
    /// Turns a firing into a line. The continuous trigger fires at every tick even when nothing changed (a
    /// watermark jump — such as the end of input — fires every tick it passes); this skips running lines whose PV
    /// equals the last line's (UV cannot change without PV). Once the watermark has passed the day's end the
    /// counts are final (later views are dropped), so the first firing after that emits the final line and the
    /// ticks still pending emit nothing. Both facts live in per-window state.
    /// </summary>
    private sealed class EmitWhenChanged(TimeZoneInfo zone, bool approximate) : ProcessWindowFunction<(long Pv, long Uv), PageViewCount, string, TimeWindow>
    {
        private static readonly ValueStateDescriptor<long> s_lastPv = new("last-emitted-pv");
        private static readonly ValueStateDescriptor<bool> s_finalEmitted = new("final-emitted");

        public override void Process(string key, IProcessWindowContext<TimeWindow> context, IEnumerable<(long Pv, long Uv)> elements, ICollector<PageViewCount> output)
        {
            var (pv, uv) = elements.Single();
            var window = context.Window;
            bool final = context.CurrentWatermark.Milliseconds >= window.MaxTimestamp.Milliseconds;
            var last = context.WindowState(s_lastPv);
            var finalEmitted = context.WindowState(s_finalEmitted);
            if (finalEmitted.Value || (!final && last.HasValue && last.Value == pv))
            {
                return;
            }

            last.Update(pv);
            if (final)
            {
                finalEmitted.Update(true);
            }

            var day = TimeZoneInfo.ConvertTime(window.Start.ToDateTimeOffset(), zone);
            output.Collect(new PageViewCount(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), key, pv, uv, final, approximate));
        }

        public override void Clear(IProcessWindowContext<TimeWindow> context)
        {
            context.WindowState(s_lastPv).Clear();
            context.WindowState(s_finalEmitted).Clear();
        }
    }
}

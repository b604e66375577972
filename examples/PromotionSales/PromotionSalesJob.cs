using System.Globalization;
using Flinq.Functions;
using Flinq.State;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Examples.PromotionSales;

/// <summary>The streams of the PromotionSales job.</summary>
/// <param name="Sales">Per product and minute: on time, then once more for each late order that updates it.</param>
/// <param name="Top">Per minute: the top N products when the minute closes, then again after each update.</param>
/// <param name="TooLate">Orders that came after their minute's allowed lateness; they count nowhere.</param>
public sealed record PromotionSalesStreams(DataStream<ProductMinuteSales> Sales, DataStream<TopProducts> Top, DataStream<Order> TooLate);

/// <summary>
/// Per-minute sales per product and the top N products per minute, on 1-minute tumbling event-time windows
/// with allowed lateness.
/// </summary>
public static class PromotionSalesJob
{
    /// <summary>The window size.</summary>
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Builds the job on <paramref name="orders"/>, which must carry event-time timestamps and watermarks.
    /// Each product's minute fires when the watermark passes the minute's end; an order that arrives later but
    /// while the watermark is before end + <paramref name="allowedLateness"/> fires it again with the new totals
    /// (<c>update</c> true), and the minute's top N is re-emitted. Later orders go to
    /// <see cref="PromotionSalesStreams.TooLate"/>. Top N: amount descending, ties by product id (ordinal).
    /// </summary>
    public static PromotionSalesStreams Build(DataStream<Order> orders, int top, TimeSpan allowedLateness)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(allowedLateness, TimeSpan.Zero);
        var tooLate = new OutputTag<Order>("too-late-orders");
        var sales = orders
            .KeyBy(o => o.ProductId)
            .Window(TumblingEventTimeWindows.Of(Minute))
            .AllowedLateness(allowedLateness)
            .SideOutputLateData(tooLate)
            .Aggregate(new SumSales(), new DescribeMinute())
            .Name("Sales per product and minute");
        var topProducts = sales
            .KeyBy(s => s.MinuteEnd)
            .Process(new TopN(top, (long)allowedLateness.TotalMilliseconds))
            .Name($"Top {top} per minute");
        return new PromotionSalesStreams(sales, topProducts, sales.GetSideOutput(tooLate));
    }

    /// <summary>The minute starting at <paramref name="startMs"/> as ISO 8601 UTC ("2026-01-01T00:01:00Z").</summary>
    public static string FormatMinute(long startMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(startMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Totals of one product in one window; <c>Category</c> is the first order's.</summary>
    private sealed class SumSales : IAggregateFunction<Order, SalesTotals, SalesTotals>
    {
        public SalesTotals CreateAccumulator() => default;

        public SalesTotals Add(Order value, SalesTotals accumulator) =>
            new(accumulator.Category ?? value.Category, accumulator.Amount + value.Amount, accumulator.Quantity + value.Quantity, accumulator.Orders + 1);

        public SalesTotals GetResult(SalesTotals accumulator) => accumulator;

        public SalesTotals Merge(SalesTotals a, SalesTotals b) => new(a.Category ?? b.Category, a.Amount + b.Amount, a.Quantity + b.Quantity, a.Orders + b.Orders);
    }

    /// <summary>Turns a window firing into a line; the firing count in per-window state tells updates apart.</summary>
    private sealed class DescribeMinute : ProcessWindowFunction<SalesTotals, ProductMinuteSales, string, TimeWindow>
    {
        private static readonly ValueStateDescriptor<bool> s_fired = new("fired");

        public override void Process(string key, IProcessWindowContext<TimeWindow> context, IEnumerable<SalesTotals> elements, ICollector<ProductMinuteSales> output)
        {
            var fired = context.WindowState(s_fired);
            var totals = elements.Single();
            var window = context.Window;
            output.Collect(new ProductMinuteSales(FormatMinute(window.Start.Milliseconds), key, totals.Category ?? "", totals.Amount, totals.Quantity, totals.Orders, fired.Value)
            {
                MinuteEnd = window.End.Milliseconds,
            });
            fired.Update(true);
        }

        public override void Clear(IProcessWindowContext<TimeWindow> context) => context.WindowState(s_fired).Clear();
    }

    /// <summary>
    /// Keyed by minute end. Keeps the latest line of each product of the minute; when the watermark reaches the
    /// minute's last millisecond (the per-product lines of that minute have all arrived, since the window
    /// operator emits them before forwarding the watermark) it emits the top N. A line that arrives after that
    /// is a late update: the top N is emitted again at once. State is dropped when no more updates can come.
    /// </summary>
    private sealed class TopN(int top, long allowedLateness) : KeyedProcessFunction<long, ProductMinuteSales, TopProducts>
    {
        private MapState<string, ProductMinuteSales> _products = null!;

        public override void Open() => _products = RuntimeContext.GetMapState(new MapStateDescriptor<string, ProductMinuteSales>("products"));

        public override void ProcessElement(ProductMinuteSales value, IKeyedProcessContext<long> context, ICollector<TopProducts> output)
        {
            ArgumentNullException.ThrowIfNull(context);
            long lastMs = value.MinuteEnd - 1;
            _products.Put(value.ProductId, value);
            if (context.TimerService.CurrentWatermark.Milliseconds >= lastMs)
            {
                output.Collect(Rank(value.MinuteEnd, update: true));
                return;
            }

            context.TimerService.RegisterEventTimeTimer(new Timestamp(lastMs));
            context.TimerService.RegisterEventTimeTimer(new Timestamp(lastMs + allowedLateness + 1));
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<long> context, ICollector<TopProducts> output)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(output);
            long minuteEnd = context.CurrentKey;
            if (timestamp.Milliseconds == minuteEnd - 1)
            {
                output.Collect(Rank(minuteEnd, update: false));
            }

            if (timestamp.Milliseconds == minuteEnd + allowedLateness)
            {
                _products.Clear();
            }
        }

        private TopProducts Rank(long minuteEnd, bool update)
        {
            var entries = _products.Entries();
            var sorted = new List<ProductMinuteSales>(entries.Count);
            foreach (var entry in entries)
            {
                sorted.Add(entry.Value);
            }

            sorted.Sort(static (a, b) =>
            {
                int byAmount = b.Amount.CompareTo(a.Amount);
                return byAmount != 0 ? byAmount : string.CompareOrdinal(a.ProductId, b.ProductId);
            });
            var ranked = new RankedProduct[Math.Min(top, sorted.Count)];
            for (int i = 0; i < ranked.Length; i++)
            {
                var s = sorted[i];
                ranked[i] = new RankedProduct(i + 1, s.ProductId, s.Category, s.Amount, s.Quantity);
            }

            return new TopProducts(FormatMinute(minuteEnd - (long)Minute.TotalMilliseconds), ranked, update) { MinuteEnd = minuteEnd };
        }
    }
}

/// <summary>Running totals of one product's minute.</summary>
internal readonly record struct SalesTotals(string? Category, decimal Amount, long Quantity, long Orders);

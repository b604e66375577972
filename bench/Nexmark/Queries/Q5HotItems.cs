using Flinq.Functions;
using Flinq.Nexmark.Model;
using Flinq.State;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Nexmark.Queries;

/// <summary>
/// Nexmark query 5, hot items: per sliding window of 10 s every 2 s, the auctions with the most bids (all of
/// them on a tie), as Flink's q5.sql (<c>HOP(bid, dateTime, 2 s, 10 s)</c>, count per auction, joined with the
/// maximum count per window). Two stages: a keyed sliding-window count per auction; then, keyed by window, the
/// counts with the highest value are kept and emitted when the watermark passes the window's end.
/// </summary>
public static class Q5HotItems
{
    /// <summary>The window size.</summary>
    public static readonly TimeSpan Size = TimeSpan.FromSeconds(10);

    /// <summary>The window slide.</summary>
    public static readonly TimeSpan Slide = TimeSpan.FromSeconds(2);

    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<HotItem> Build(DataStream<Event> events)
    {
        var counts = events.Bids()
            .KeyBy(static b => b.Auction)
            .Window(SlidingEventTimeWindows.Of(Size, Slide))
            .Aggregate(new CountAggregate<Bid>(), new AuctionCount())
            .Name("Q5 bids per auction and window");
        return counts.KeyBy(static c => c.WindowEnd)
            .Process(new MaxFunction())
            .Name("Q5 hottest auctions per window");
    }

    private sealed class AuctionCount : ProcessWindowFunction<long, HotItem, long, TimeWindow>
    {
        public override void Process(long key, IProcessWindowContext<TimeWindow> context, IEnumerable<long> elements, ICollector<HotItem> output)
        {
            foreach (long count in elements)
            {
                output.Collect(new HotItem(key, count, context.Window.Start.Milliseconds, context.Window.End.Milliseconds));
            }
        }
    }

    private sealed class MaxFunction : KeyedProcessFunction<long, HotItem, HotItem>
    {
        private ValueState<long> _max = null!;
        private ListState<HotItem> _best = null!;

        public override void Open()
        {
            _max = RuntimeContext.GetState(new ValueStateDescriptor<long>("max-count"));
            _best = RuntimeContext.GetListState(new ListStateDescriptor<HotItem>("auctions-with-max-count"));
        }

        public override void ProcessElement(HotItem value, IKeyedProcessContext<long> context, ICollector<HotItem> output)
        {
            if (!_max.HasValue)
            {
                // The window's counts all carry the timestamp end − 1; the watermark passing it means all are in.
                context.TimerService.RegisterEventTimeTimer(new Timestamp(value.WindowEnd - 1));
            }

            if (!_max.HasValue || value.Count > _max.Value)
            {
                _max.Update(value.Count);
                _best.Update([value]);
            }
            else if (value.Count == _max.Value)
            {
                _best.Add(value);
            }
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<long> context, ICollector<HotItem> output)
        {
            foreach (var item in _best.Get())
            {
                output.Collect(item);
            }

            _best.Clear();
            _max.Clear();
        }
    }
}

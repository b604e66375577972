using Flinq.Functions;
using Flinq.Nexmark.Model;
using Flinq.State;
using Flinq.Time;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Nexmark.Queries;

/// <summary>
/// Nexmark query 7, highest bid: per tumbling window of 10 s, the bids with the highest price (all of them on a
/// tie). Two stages: a keyed tumbling-window maximum per auction that keeps the bids at the maximum; then, keyed
/// by window, the overall maximum, emitted when the watermark passes the window's end. Flink's q7.sql joins the
/// window maximum back to bids with <c>dateTime BETWEEN window_end − 10 s AND window_end</c> (both ends
/// inclusive); here a bid belongs to the one window [start, end) that contains it.
/// </summary>
public static class Q7HighestBid
{
    /// <summary>The window size.</summary>
    public static readonly TimeSpan Size = TimeSpan.FromSeconds(10);

    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<HighestBid> Build(DataStream<Event> events)
    {
        var perAuction = events.Bids()
            .KeyBy(static b => b.Auction)
            .Window(TumblingEventTimeWindows.Of(Size))
            .Aggregate(new MaxBidsAggregate(), new EmitWithWindow())
            .Name("Q7 highest bids per auction and window");
        return perAuction.KeyBy(static h => h.WindowStart)
            .Process(new MaxFunction())
            .Name("Q7 highest bids per window");
    }

    /// <summary>The highest price so far and the bids at that price.</summary>
    internal sealed class MaxBids
    {
        public long Max { get; set; } = long.MinValue;

        public List<Bid> Bids { get; set; } = [];
    }

    private sealed class MaxBidsAggregate : IAggregateFunction<Bid, MaxBids, MaxBids>
    {
        public MaxBids CreateAccumulator() => new();

        public MaxBids Add(Bid value, MaxBids accumulator)
        {
            if (value.Price > accumulator.Max)
            {
                accumulator.Max = value.Price;
                accumulator.Bids.Clear();
                accumulator.Bids.Add(value);
            }
            else if (value.Price == accumulator.Max)
            {
                accumulator.Bids.Add(value);
            }

            return accumulator;
        }

        public MaxBids GetResult(MaxBids accumulator) => accumulator;

        public MaxBids Merge(MaxBids a, MaxBids b)
        {
            foreach (var bid in b.Bids)
            {
                Add(bid, a);
            }

            return a;
        }
    }

    private sealed class EmitWithWindow : ProcessWindowFunction<MaxBids, HighestBid, long, TimeWindow>
    {
        public override void Process(long key, IProcessWindowContext<TimeWindow> context, IEnumerable<MaxBids> elements, ICollector<HighestBid> output)
        {
            foreach (var max in elements)
            {
                foreach (var bid in max.Bids)
                {
                    output.Collect(new HighestBid(bid, context.Window.Start.Milliseconds));
                }
            }
        }
    }

    private sealed class MaxFunction : KeyedProcessFunction<long, HighestBid, HighestBid>
    {
        private ValueState<long> _max = null!;
        private ListState<HighestBid> _best = null!;

        public override void Open()
        {
            _max = RuntimeContext.GetState(new ValueStateDescriptor<long>("max-price"));
            _best = RuntimeContext.GetListState(new ListStateDescriptor<HighestBid>("bids-with-max-price"));
        }

        public override void ProcessElement(HighestBid value, IKeyedProcessContext<long> context, ICollector<HighestBid> output)
        {
            if (!_max.HasValue)
            {
                context.TimerService.RegisterEventTimeTimer(new Timestamp(value.WindowStart + (long)Size.TotalMilliseconds - 1));
            }

            if (!_max.HasValue || value.Bid.Price > _max.Value)
            {
                _max.Update(value.Bid.Price);
                _best.Update([value]);
            }
            else if (value.Bid.Price == _max.Value)
            {
                _best.Add(value);
            }
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<long> context, ICollector<HighestBid> output)
        {
            foreach (var bid in _best.Get())
            {
                output.Collect(bid);
            }

            _best.Clear();
            _max.Clear();
        }
    }
}

using Flinq.Functions;
using Flinq.Nexmark.Model;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Nexmark.Queries;

/// <summary>
/// Nexmark query 4, average price per category: the average of the winning bids of closed auctions, per
/// category (<c>SELECT category, AVG(final) FROM (SELECT MAX(B.price) AS final, A.category FROM auction A, bid B
/// WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires GROUP BY A.id, A.category) GROUP BY
/// category</c>). Two stages: keyed by auction, the auction and the highest bid within its lifetime are kept in
/// keyed state and emitted when the watermark passes the auction's expiry (an auction without bids emits
/// nothing); keyed by category, a running sum and count emit an updated average per closed auction.
/// </summary>
public static class Q4AveragePricePerCategory
{
    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<CategoryAverage> Build(DataStream<Event> events)
    {
        var closed = events.Auctions().Connect(events.Bids())
            .KeyBy(static a => a.Id, static b => b.Auction)
            .Process(new WinningBidFunction())
            .Name("Q4 winning bids");
        return closed.KeyBy(static c => c.Category)
            .Process(new AverageFunction())
            .Name("Q4 average per category");
    }

    /// <summary>A closed auction's category and winning price.</summary>
    internal readonly record struct ClosedAuction(long Category, long Price);

    private sealed class WinningBidFunction : KeyedCoProcessFunction<long, Auction, Bid, ClosedAuction>
    {
        private ValueState<Auction> _auction = null!;
        private ValueState<long> _maxPrice = null!;
        private ListState<Bid> _early = null!;

        public override void Open()
        {
            _auction = RuntimeContext.GetState(new ValueStateDescriptor<Auction>("auction"));
            _maxPrice = RuntimeContext.GetState(new ValueStateDescriptor<long>("max-price"));
            _early = RuntimeContext.GetListState(new ListStateDescriptor<Bid>("bids-before-auction"));
        }

        public override void ProcessElement1(Auction value, IKeyedProcessContext<long> context, ICollector<ClosedAuction> output)
        {
            _auction.Update(value);
            var early = _early.Get();
            if (early.Count > 0)
            {
                foreach (var bid in early)
                {
                    Offer(value, bid);
                }

                _early.Clear();
            }

            context.TimerService.RegisterEventTimeTimer(new Timestamp(value.Expires));
        }

        public override void ProcessElement2(Bid value, IKeyedProcessContext<long> context, ICollector<ClosedAuction> output)
        {
            if (_auction.HasValue)
            {
                Offer(_auction.Value!, value);
            }
            else
            {
                // The auction may still come (other splits lag); once the watermark passes the bid's time, any
                // auction it could belong to has arrived, and the timer drops it.
                _early.Add(value);
                context.TimerService.RegisterEventTimeTimer(new Timestamp(value.DateTime));
            }
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<long> context, ICollector<ClosedAuction> output)
        {
            if (_auction.HasValue)
            {
                var auction = _auction.Value!;
                if (timestamp.Milliseconds >= auction.Expires)
                {
                    if (_maxPrice.HasValue)
                    {
                        output.Collect(new ClosedAuction(auction.Category, _maxPrice.Value));
                    }

                    _auction.Clear();
                    _maxPrice.Clear();
                }

                return;
            }

            var early = _early.Get();
            if (early.Count > 0)
            {
                var keep = early.Where(b => b.DateTime > timestamp.Milliseconds).ToList();
                if (keep.Count == 0)
                {
                    _early.Clear();
                }
                else if (keep.Count != early.Count)
                {
                    _early.Update(keep);
                }
            }
        }

        private void Offer(Auction auction, Bid bid)
        {
            if (bid.DateTime >= auction.DateTime && bid.DateTime <= auction.Expires && (!_maxPrice.HasValue || bid.Price > _maxPrice.Value))
            {
                _maxPrice.Update(bid.Price);
            }
        }
    }

    private sealed class AverageFunction : KeyedProcessFunction<long, ClosedAuction, CategoryAverage>
    {
        private ValueState<(long Sum, long Count)> _total = null!;

        public override void Open() => _total = RuntimeContext.GetState(new ValueStateDescriptor<(long Sum, long Count)>("sum-count"));

        public override void ProcessElement(ClosedAuction value, IKeyedProcessContext<long> context, ICollector<CategoryAverage> output)
        {
            var (sum, count) = _total.Value;
            sum += value.Price;
            count++;
            _total.Update((sum, count));
            output.Collect(new CategoryAverage(value.Category, sum, count));
        }
    }
}

using Flinq.Nexmark.Model;

namespace Flinq.Nexmark.Queries;

/// <summary>Nexmark query 2, selection: auction and price of the bids on every 123rd auction (<c>SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0</c>).</summary>
public static class Q2Selection
{
    /// <summary>The modulus of the query.</summary>
    public const long Modulus = 123;

    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<AuctionPrice> Build(DataStream<Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.FlatMap<AuctionPrice>(static (e, output) =>
        {
            if (e.IsBid && e.Bid.Auction % Modulus == 0)
            {
                output.Collect(new AuctionPrice(e.Bid.Auction, e.Bid.Price));
            }
        }).Name("Q2 selection");
    }
}

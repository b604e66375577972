using Flinq.Nexmark.Model;

namespace Flinq.Nexmark.Queries;

/// <summary>Nexmark query 1, currency conversion: every bid with its price in euros (<c>SELECT auction, bidder, 0.908 * price AS price, dateTime FROM bid</c>).</summary>
public static class Q1CurrencyConversion
{
    /// <summary>The dollar to euro rate of the query.</summary>
    public const double DollarToEuro = 0.908;

    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<BidInEuros> Build(DataStream<Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.FlatMap<BidInEuros>(static (e, output) =>
        {
            if (e.IsBid)
            {
                var bid = e.Bid;
                output.Collect(new BidInEuros(bid.Auction, bid.Bidder, DollarToEuro * bid.Price, bid.DateTime));
            }
        }).Name("Q1 currency conversion");
    }
}

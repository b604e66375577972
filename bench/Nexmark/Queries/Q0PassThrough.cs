using Flinq.Nexmark.Model;

namespace Flinq.Nexmark.Queries;

/// <summary>Nexmark query 0, pass-through: every bid, unchanged (<c>SELECT auction, bidder, price, dateTime, extra FROM bid</c>). Measures the source and framework cost.</summary>
public static class Q0PassThrough
{
    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<Bid> Build(DataStream<Event> events) => events.Bids();
}

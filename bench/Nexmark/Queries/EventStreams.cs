using Flinq.Nexmark.Model;

namespace Flinq.Nexmark.Queries;

/// <summary>Splits the event stream into its three record types (chained operators; the record timestamps stay).</summary>
public static class EventStreams
{
    /// <summary>The bids.</summary>
    public static DataStream<Bid> Bids(this DataStream<Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.FlatMap<Bid>(static (e, output) =>
        {
            if (e.IsBid)
            {
                output.Collect(e.Bid);
            }
        }).Name("Bids");
    }

    /// <summary>The auctions.</summary>
    public static DataStream<Auction> Auctions(this DataStream<Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.FlatMap<Auction>(static (e, output) =>
        {
            if (e.IsAuction)
            {
                output.Collect(e.Auction!);
            }
        }).Name("Auctions");
    }

    /// <summary>The people.</summary>
    public static DataStream<Person> Persons(this DataStream<Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.FlatMap<Person>(static (e, output) =>
        {
            if (e.IsPerson)
            {
                output.Collect(e.Person!);
            }
        }).Name("Persons");
    }
}

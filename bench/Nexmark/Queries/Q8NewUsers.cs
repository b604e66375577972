using Flinq.Functions;
using Flinq.Nexmark.Model;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Nexmark.Queries;

/// <summary>
/// Nexmark query 8, monitor new users: people who registered and opened an auction within the same tumbling
/// window of 10 s (Flink's q8.sql: a window join of people and auctions on <c>P.id = A.seller</c> and the same
/// window, one row per person and window). Implemented as a window co-group: people and auctions keyed by person
/// id into the same tumbling windows; each window keeps the person's name and whether an auction was seen.
/// </summary>
public static class Q8NewUsers
{
    /// <summary>The window size.</summary>
    public static readonly TimeSpan Size = TimeSpan.FromSeconds(10);

    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<NewUser> Build(DataStream<Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Filter(static e => !e.IsBid).Name("Q8 people and auctions")
            .KeyBy(static e => e.IsPerson ? e.Person!.Id : e.Auction!.Seller)
            .Window(TumblingEventTimeWindows.Of(Size))
            .Aggregate(new PersonAndAuctionAggregate(), new EmitNewUser())
            .Name("Q8 window join");
    }

    /// <summary>The person's name (null until the person is seen) and whether an auction of theirs was seen.</summary>
    internal readonly record struct Seen(string? Name, bool HasAuction);

    private sealed class PersonAndAuctionAggregate : IAggregateFunction<Event, Seen, Seen>
    {
        public Seen CreateAccumulator() => default;

        public Seen Add(Event value, Seen accumulator) =>
            value.IsPerson ? accumulator with { Name = value.Person!.Name } : accumulator with { HasAuction = true };

        public Seen GetResult(Seen accumulator) => accumulator;

        public Seen Merge(Seen a, Seen b) => new(a.Name ?? b.Name, a.HasAuction || b.HasAuction);
    }

    private sealed class EmitNewUser : ProcessWindowFunction<Seen, NewUser, long, TimeWindow>
    {
        public override void Process(long key, IProcessWindowContext<TimeWindow> context, IEnumerable<Seen> elements, ICollector<NewUser> output)
        {
            foreach (var seen in elements)
            {
                if (seen.Name is { } name && seen.HasAuction)
                {
                    output.Collect(new NewUser(key, name, context.Window.Start.Milliseconds));
                }
            }
        }
    }
}

namespace Flinq.Nexmark.Generator;

/// <summary>
/// Parameters of the Nexmark event generator. The defaults are those of Flink's Nexmark suite
/// (github.com/nexmark/nexmark, <c>NexmarkConfiguration</c> and <c>nexmark.yaml</c>): proportions 1:3:46, 1,000
/// active people, 100 in-flight auctions, hot ratios 2/4/4, an event-time rate of 10 M events/s.
/// </summary>
public sealed record GeneratorConfig
{
    /// <summary>Ids of people and auctions start here, so small runs still find matches.</summary>
    public const long FirstPersonId = 1000;

    /// <summary>The first auction id.</summary>
    public const long FirstAuctionId = 1000;

    /// <summary>The first category; there are five (10 to 14).</summary>
    public const long FirstCategoryId = 10;

    /// <summary>Seed of the per-event random numbers: the same seed yields the same events.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Event time of event 0, epoch milliseconds (default 2026-01-01T00:00:00Z, a multiple of every window size).</summary>
    public long BaseTime { get; init; } = 1_767_225_600_000;

    /// <summary>Events per second of event time (not a throttle: the source runs as fast as it can).</summary>
    public double EventsPerSecond { get; init; } = 10_000_000;

    /// <summary>People per <see cref="TotalProportion"/> events.</summary>
    public int PersonProportion { get; init; } = 1;

    /// <summary>Auctions per <see cref="TotalProportion"/> events.</summary>
    public int AuctionProportion { get; init; } = 3;

    /// <summary>Bids per <see cref="TotalProportion"/> events.</summary>
    public int BidProportion { get; init; } = 46;

    /// <summary>People considered active for placing auctions and bids.</summary>
    public int ActivePeople { get; init; } = 1000;

    /// <summary>Average number of auctions open at a time.</summary>
    public int InFlightAuctions { get; init; } = 100;

    /// <summary>A bid is on a hot auction with probability 1 − 1/ratio.</summary>
    public int HotAuctionRatio { get; init; } = 2;

    /// <summary>An auction is by a hot seller with probability 1 − 1/ratio.</summary>
    public int HotSellersRatio { get; init; } = 4;

    /// <summary>A bid is by a hot bidder with probability 1 − 1/ratio.</summary>
    public int HotBiddersRatio { get; init; } = 4;

    /// <summary>Average size of a person record in bytes (the <c>extra</c> field pads to it).</summary>
    public int AvgPersonByteSize { get; init; } = 200;

    /// <summary>Average size of an auction record in bytes.</summary>
    public int AvgAuctionByteSize { get; init; } = 500;

    /// <summary>Average size of a bid record in bytes.</summary>
    public int AvgBidByteSize { get; init; } = 100;

    /// <summary>Sum of the three proportions.</summary>
    public int TotalProportion => PersonProportion + AuctionProportion + BidProportion;

    /// <summary>Event time of event <paramref name="eventNumber"/>: events are evenly spaced at <see cref="EventsPerSecond"/>.</summary>
    public long TimestampForEvent(long eventNumber) => BaseTime + (long)(eventNumber * (1_000_000.0 / EventsPerSecond)) / 1000;

    /// <summary>Throws when a parameter is out of range.</summary>
    public void Validate()
    {
        if (PersonProportion <= 0 || AuctionProportion <= 0 || BidProportion <= 0)
        {
            throw new ArgumentException($"The proportions must be positive (got {PersonProportion}:{AuctionProportion}:{BidProportion}).");
        }

        if (!(EventsPerSecond > 0) || double.IsInfinity(EventsPerSecond))
        {
            throw new ArgumentException($"EventsPerSecond must be positive and finite (got {EventsPerSecond}).");
        }

        if (ActivePeople <= 0 || InFlightAuctions <= 0 || HotAuctionRatio <= 0 || HotSellersRatio <= 0 || HotBiddersRatio <= 0)
        {
            throw new ArgumentException("ActivePeople, InFlightAuctions and the hot ratios must be positive.");
        }
    }
}

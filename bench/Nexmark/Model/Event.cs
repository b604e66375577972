namespace Flinq.Nexmark.Model;

/// <summary>
/// One Nexmark event: a <see cref="Model.Person"/>, an <see cref="Model.Auction"/> or a <see cref="Model.Bid"/>
/// (a union, as the single stream of Flink's Nexmark source). A value type, so a bid event allocates nothing.
/// </summary>
public readonly struct Event
{
    private Event(EventKind kind, Person? person, Auction? auction, Bid bid, long dateTime)
    {
        Kind = kind;
        Person = person;
        Auction = auction;
        Bid = bid;
        DateTime = dateTime;
    }

    /// <summary>Which record the event carries.</summary>
    public EventKind Kind { get; }

    /// <summary>The person when <see cref="Kind"/> is <see cref="EventKind.Person"/>, otherwise null.</summary>
    public Person? Person { get; }

    /// <summary>The auction when <see cref="Kind"/> is <see cref="EventKind.Auction"/>, otherwise null.</summary>
    public Auction? Auction { get; }

    /// <summary>The bid when <see cref="Kind"/> is <see cref="EventKind.Bid"/>, otherwise default.</summary>
    public Bid Bid { get; }

    /// <summary>Event time of the carried record, epoch milliseconds.</summary>
    public long DateTime { get; }

    /// <summary>Whether the event is a person.</summary>
    public bool IsPerson => Kind == EventKind.Person;

    /// <summary>Whether the event is an auction.</summary>
    public bool IsAuction => Kind == EventKind.Auction;

    /// <summary>Whether the event is a bid.</summary>
    public bool IsBid => Kind == EventKind.Bid;

    /// <summary>An event carrying a person.</summary>
    public static Event Of(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new(EventKind.Person, person, null, default, person.DateTime);
    }

    /// <summary>An event carrying an auction.</summary>
    public static Event Of(Auction auction)
    {
        ArgumentNullException.ThrowIfNull(auction);
        return new(EventKind.Auction, null, auction, default, auction.DateTime);
    }

    /// <summary>An event carrying a bid.</summary>
    public static Event Of(Bid bid) => new(EventKind.Bid, null, null, bid, bid.DateTime);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        EventKind.Person => Person!.ToString(),
        EventKind.Auction => Auction!.ToString(),
        _ => Bid.ToString(),
    };
}

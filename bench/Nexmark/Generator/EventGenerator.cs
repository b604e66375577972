using Flinq.Nexmark.Model;

namespace Flinq.Nexmark.Generator;

/// <summary>
/// Generates Nexmark event number n, as a pure function of the configuration and n: event n is a person, an
/// auction or a bid by its position in a cycle of <see cref="GeneratorConfig.TotalProportion"/> events (1:3:46);
/// its time is <see cref="GeneratorConfig.TimestampForEvent"/>; its fields follow the distributions of Flink's
/// Nexmark generator: ids of new people and auctions are consecutive; a bid goes to a hot auction (the first of
/// the last batch of 100) with probability 1 − 1/<see cref="GeneratorConfig.HotAuctionRatio"/>, otherwise to a
/// random one of the last <see cref="GeneratorConfig.InFlightAuctions"/> plus 10 not yet opened; bidders and
/// sellers likewise among the last <see cref="GeneratorConfig.ActivePeople"/> (+10); prices are
/// <c>round(10^(6u) × 100)</c> cents; an auction stays open on average as long as it takes to open
/// <see cref="GeneratorConfig.InFlightAuctions"/> more.
/// </summary>
public sealed class EventGenerator
{
    private const int HotRatio = 100;
    private const int PersonIdLead = 10;
    private const int AuctionIdLead = 10;
    private const int Categories = 5;

    private static readonly string[] States = ["AZ", "CA", "ID", "OR", "WA", "WY"];
    private static readonly string[] Cities = ["Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"];
    private static readonly string[] FirstNames = ["Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"];
    private static readonly string[] LastNames = ["Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"];

    private readonly GeneratorConfig _config;
    private readonly long _seed;
    private readonly int _person;
    private readonly int _auction;
    private readonly int _total;
    private readonly long _eventsForInFlightAuctions;

    /// <summary>Creates a generator for <paramref name="config"/>.</summary>
    public EventGenerator(GeneratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        _config = config;
        _seed = config.Seed;
        _person = config.PersonProportion;
        _auction = config.AuctionProportion;
        _total = config.TotalProportion;
        _eventsForInFlightAuctions = (long)config.InFlightAuctions * _total / _auction;
    }

    /// <summary>The configuration.</summary>
    public GeneratorConfig Config => _config;

    /// <summary>The kind of event <paramref name="eventNumber"/> (without generating it).</summary>
    public EventKind KindOf(long eventNumber)
    {
        long rem = eventNumber % _total;
        return rem < _person ? EventKind.Person : rem < _person + _auction ? EventKind.Auction : EventKind.Bid;
    }

    /// <summary>Event number <paramref name="eventNumber"/> (0 or more).</summary>
    public Event Next(long eventNumber)
    {
        long timestamp = _config.TimestampForEvent(eventNumber);
        var random = NexmarkRandom.ForEvent(_seed, eventNumber);
        return KindOf(eventNumber) switch
        {
            EventKind.Person => Event.Of(NextPerson(eventNumber, ref random, timestamp)),
            EventKind.Auction => Event.Of(NextAuction(eventNumber, ref random, timestamp)),
            _ => Event.Of(NextBid(eventNumber, ref random, timestamp)),
        };
    }

    private Bid NextBid(long eventId, ref NexmarkRandom random, long timestamp)
    {
        long auction = random.NextInt(_config.HotAuctionRatio) > 0
            ? LastBase0AuctionId(eventId) / HotRatio * HotRatio
            : NextBase0AuctionId(eventId, ref random);
        long bidder = random.NextInt(_config.HotBiddersRatio) > 0
            ? (LastBase0PersonId(eventId) / HotRatio * HotRatio) + 1
            : NextBase0PersonId(eventId, ref random);
        long price = NextPrice(ref random);
        int extraLength = NexmarkStrings.ExtraLength(ref random, 8 + 8 + 8 + 8, _config.AvgBidByteSize);
        return new Bid(auction + GeneratorConfig.FirstAuctionId, bidder + GeneratorConfig.FirstPersonId, price, timestamp, random.NextUInt64(), extraLength);
    }

    private Auction NextAuction(long eventId, ref NexmarkRandom random, long timestamp)
    {
        long id = LastBase0AuctionId(eventId) + GeneratorConfig.FirstAuctionId;
        long seller = random.NextInt(_config.HotSellersRatio) > 0
            ? LastBase0PersonId(eventId) / HotRatio * HotRatio
            : NextBase0PersonId(eventId, ref random);
        long category = GeneratorConfig.FirstCategoryId + random.NextInt(Categories);
        long initialBid = NextPrice(ref random);
        long expires = timestamp + NextAuctionLengthMs(eventId, ref random, timestamp);
        string name = NexmarkStrings.Next(ref random, 20);
        string description = NexmarkStrings.Next(ref random, 100);
        long reserve = initialBid + NextPrice(ref random);
        int extraLength = NexmarkStrings.ExtraLength(ref random, 8 + name.Length + description.Length + (5 * 8), _config.AvgAuctionByteSize);
        string extra = NexmarkStrings.Exact(random.NextUInt64(), extraLength);
        return new Auction(id, name, description, initialBid, reserve, timestamp, expires, seller + GeneratorConfig.FirstPersonId, category, extra);
    }

    private Person NextPerson(long eventId, ref NexmarkRandom random, long timestamp)
    {
        long id = LastBase0PersonId(eventId) + GeneratorConfig.FirstPersonId;
        string name = FirstNames[random.NextInt(FirstNames.Length)] + " " + LastNames[random.NextInt(LastNames.Length)];
        string email = NexmarkStrings.Next(ref random, 7) + "@" + NexmarkStrings.Next(ref random, 5) + ".com";
        string creditCard = NextCreditCard(ref random);
        string city = Cities[random.NextInt(Cities.Length)];
        string state = States[random.NextInt(States.Length)];
        int currentSize = 8 + name.Length + email.Length + creditCard.Length + city.Length + state.Length;
        int extraLength = NexmarkStrings.ExtraLength(ref random, currentSize, _config.AvgPersonByteSize);
        string extra = NexmarkStrings.Exact(random.NextUInt64(), extraLength);
        return new Person(id, name, email, creditCard, city, state, timestamp, extra);
    }

    /// <summary>The id (base 0) of the last person created at or before event <paramref name="eventId"/>.</summary>
    internal long LastBase0PersonId(long eventId)
    {
        long epoch = eventId / _total;
        long offset = eventId % _total;
        if (offset >= _person)
        {
            offset = _person - 1;
        }

        return (epoch * _person) + offset;
    }

    /// <summary>The id (base 0) of the last auction created at or before event <paramref name="eventId"/>.</summary>
    internal long LastBase0AuctionId(long eventId)
    {
        long epoch = eventId / _total;
        long offset = eventId % _total;
        if (offset < _person)
        {
            epoch--;
            offset = _auction - 1;
        }
        else if (offset >= _person + _auction)
        {
            offset = _auction - 1;
        }
        else
        {
            offset -= _person;
        }

        return (epoch * _auction) + offset;
    }

    private long NextBase0PersonId(long eventId, ref NexmarkRandom random)
    {
        long people = LastBase0PersonId(eventId) + 1;
        long active = Math.Min(people, _config.ActivePeople);
        return people - active + random.NextLong(active + PersonIdLead);
    }

    private long NextBase0AuctionId(long eventId, ref NexmarkRandom random)
    {
        long max = LastBase0AuctionId(eventId);
        long min = Math.Max(max - _config.InFlightAuctions, 0);
        return min + random.NextLong(max - min + 1 + AuctionIdLead);
    }

    private long NextAuctionLengthMs(long eventNumber, ref NexmarkRandom random, long timestamp)
    {
        // When will the auction InFlightAuctions ahead of this one open? Choose a length averaging that horizon.
        long futureAuction = _config.TimestampForEvent(eventNumber + _eventsForInFlightAuctions);
        long horizonMs = futureAuction - timestamp;
        return 1 + random.NextLong(Math.Max(horizonMs * 2, 1));
    }

    private static long NextPrice(ref NexmarkRandom random) => (long)Math.Round(Math.Pow(10.0, random.NextDouble() * 6.0) * 100.0);

    private static string NextCreditCard(ref NexmarkRandom random)
    {
        Span<int> groups = [random.NextInt(10000), random.NextInt(10000), random.NextInt(10000), random.NextInt(10000)];
        return string.Create(19, (groups[0], groups[1], groups[2], groups[3]), static (chars, g) =>
        {
            Write(chars[..4], g.Item1);
            chars[4] = ' ';
            Write(chars.Slice(5, 4), g.Item2);
            chars[9] = ' ';
            Write(chars.Slice(10, 4), g.Item3);
            chars[14] = ' ';
            Write(chars.Slice(15, 4), g.Item4);
        });

        static void Write(Span<char> four, int value)
        {
            for (int i = 3; i >= 0; i--)
            {
                four[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }
    }
}

using Flinq.Nexmark.Model;
using Flinq.Nexmark.Queries;

namespace Flinq.Nexmark.Tests;

/// <summary>Each query on a small seeded run against a plain LINQ reference over the same generated events.</summary>
public sealed class QueryTests
{
    private const long TenSeconds = 10_000;

    [Fact]
    public async Task Q0_SeededRun_EmitsEveryBid()
    {
        var results = await NexmarkFixture.RunAsync(Q0PassThrough.Build);

        Multiset.ShouldEqual(results, NexmarkFixture.Bids.ToList());
    }

    [Fact]
    public async Task Q1_SeededRun_ConvertsEveryPrice()
    {
        var expected = NexmarkFixture.Bids.Select(b => new BidInEuros(b.Auction, b.Bidder, 0.908 * b.Price, b.DateTime)).ToList();

        var results = await NexmarkFixture.RunAsync(Q1CurrencyConversion.Build);

        Multiset.ShouldEqual(results, expected);
    }

    [Fact]
    public async Task Q2_SeededRun_SelectsBidsOnEvery123rdAuction()
    {
        var expected = NexmarkFixture.Bids.Where(b => b.Auction % 123 == 0).Select(b => new AuctionPrice(b.Auction, b.Price)).ToList();

        var results = await NexmarkFixture.RunAsync(Q2Selection.Build);

        expected.Should().NotBeEmpty();
        Multiset.ShouldEqual(results, expected);
    }

    [Fact]
    public async Task Q3_SeededRun_JoinsLocalSellersWithCategory10Auctions()
    {
        var expected = (
            from a in NexmarkFixture.Auctions
            join p in NexmarkFixture.Persons on a.Seller equals p.Id
            where a.Category == 10 && (p.State == "OR" || p.State == "ID" || p.State == "CA")
            select new LocalItem(p.Name, p.City, p.State, a.Id)).ToList();

        var results = await NexmarkFixture.RunAsync(Q3LocalItemSuggestion.Build);

        expected.Should().NotBeEmpty();
        Multiset.ShouldEqual(results, expected);
    }

    [Fact]
    public async Task Q4_SeededRun_FinalAveragePerCategoryMatchesReference()
    {
        var closingPrices = (
            from a in NexmarkFixture.Auctions
            join b in NexmarkFixture.Bids on a.Id equals b.Auction
            where b.DateTime >= a.DateTime && b.DateTime <= a.Expires
            group b.Price by (a.Id, a.Category) into g
            select (g.Key.Category, Price: g.Max())).ToList();
        var expected = closingPrices.GroupBy(c => c.Category)
            .Select(g => new CategoryAverage(g.Key, g.Sum(c => c.Price), g.Count())).ToList();

        var results = await NexmarkFixture.RunAsync(Q4AveragePricePerCategory.Build);

        results.Should().HaveCount(closingPrices.Count, "each closed auction with a bid updates its category once");
        Multiset.ShouldEqual(results.GroupBy(r => r.Category).Select(g => g.MaxBy(r => r.Count)).ToList(), expected);
    }

    [Fact]
    public async Task Q5_SeededRun_EmitsAuctionsWithMostBidsPerSlidingWindow()
    {
        var counts = (
            from b in NexmarkFixture.Bids
            from start in SlidingStarts(b.DateTime, size: TenSeconds, slide: 2_000)
            group b by (b.Auction, start) into g
            select new HotItem(g.Key.Auction, g.Count(), g.Key.start, g.Key.start + TenSeconds)).ToList();
        var expected = counts.GroupBy(c => c.WindowStart)
            .SelectMany(w => w.Where(c => c.Count == w.Max(x => x.Count))).ToList();

        var results = await NexmarkFixture.RunAsync(Q5HotItems.Build);

        expected.Select(e => e.WindowStart).Distinct().Should().HaveCountGreaterThan(40);
        Multiset.ShouldEqual(results, expected);
    }

    [Fact]
    public async Task Q7_SeededRun_EmitsHighestBidsPerTumblingWindow()
    {
        var expected = NexmarkFixture.Bids.GroupBy(b => b.DateTime - (b.DateTime % TenSeconds))
            .SelectMany(w => w.Where(b => b.Price == w.Max(x => x.Price)).Select(b => new HighestBid(b, w.Key))).ToList();

        var results = await NexmarkFixture.RunAsync(Q7HighestBid.Build);

        expected.Should().HaveCountGreaterThanOrEqualTo(10);
        Multiset.ShouldEqual(results, expected);
    }

    [Fact]
    public async Task Q8_SeededRun_EmitsPeopleWhoOpenedAnAuctionInTheirFirstWindow()
    {
        var expected = (
            from p in NexmarkFixture.Persons
            let window = p.DateTime - (p.DateTime % TenSeconds)
            where NexmarkFixture.Auctions.Any(a => a.Seller == p.Id && a.DateTime - (a.DateTime % TenSeconds) == window)
            select new NewUser(p.Id, p.Name, window)).ToList();

        var results = await NexmarkFixture.RunAsync(Q8NewUsers.Build);

        expected.Should().NotBeEmpty();
        Multiset.ShouldEqual(results, expected);
    }

    [Fact]
    public async Task Q11_SeededRun_CountsBidsPerSessionOfEachBidder()
    {
        var expected = new List<UserSession>();
        foreach (var bidder in NexmarkFixture.Bids.GroupBy(b => b.Bidder))
        {
            long[] times = bidder.Select(b => b.DateTime).Order().ToArray();
            long start = times[0], last = times[0], count = 1;
            foreach (long t in times.Skip(1))
            {
                if (t > last + TenSeconds)
                {
                    expected.Add(new UserSession(bidder.Key, count, start, last + TenSeconds));
                    start = t;
                    count = 0;
                }

                last = t;
                count++;
            }

            expected.Add(new UserSession(bidder.Key, count, start, last + TenSeconds));
        }

        var results = await NexmarkFixture.RunAsync(Q11UserSessions.Build);

        expected.Should().Contain(s => s.Count > 1);
        Multiset.ShouldEqual(results, expected);
    }

    private static IEnumerable<long> SlidingStarts(long timestamp, long size, long slide)
    {
        for (long start = timestamp - (timestamp % slide); start > timestamp - size; start -= slide)
        {
            yield return start;
        }
    }
}

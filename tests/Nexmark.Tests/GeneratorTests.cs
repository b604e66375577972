using Flinq.Nexmark.Generator;
using Flinq.Nexmark.Model;
using Flinq.Testing;

namespace Flinq.Nexmark.Tests;

public sealed class GeneratorTests
{
    [Fact]
    public void Next_OneCycle_PersonAuctionBidInProportions1To3To46()
    {
        var generator = new EventGenerator(new GeneratorConfig());

        var kinds = Enumerable.Range(0, 5000).Select(n => generator.Next(n).Kind).ToList();

        kinds.Count(k => k == EventKind.Person).Should().Be(100);
        kinds.Count(k => k == EventKind.Auction).Should().Be(300);
        kinds.Count(k => k == EventKind.Bid).Should().Be(4600);
    }

    [Fact]
    public void Next_SameSeedAndNumber_SameEvent()
    {
        var a = new EventGenerator(new GeneratorConfig { Seed = 3 });
        var b = new EventGenerator(new GeneratorConfig { Seed = 3 });

        for (long n = 0; n < 500; n++)
        {
            a.Next(n).ToString().Should().Be(b.Next(n).ToString());
        }

        a.Next(60).Bid.Extra.Should().Be(b.Next(60).Bid.Extra);
    }

    [Fact]
    public void Next_PeopleAndAuctions_ConsecutiveIdsAndMonotoneTimes()
    {
        var generator = new EventGenerator(new GeneratorConfig { EventsPerSecond = 1000 });
        var events = Enumerable.Range(0, 10_000).Select(n => generator.Next(n)).ToList();

        events.Where(e => e.IsPerson).Select(e => e.Person!.Id).Should().Equal(Enumerable.Range(1000, 200).Select(i => (long)i));
        events.Where(e => e.IsAuction).Select(e => e.Auction!.Id).Should().Equal(Enumerable.Range(1000, 600).Select(i => (long)i));
        events.Select(e => e.DateTime).Should().BeInAscendingOrder();
        events.Where(e => e.IsAuction).Should().OnlyContain(e => e.Auction!.Expires > e.Auction.DateTime && e.Auction.Category >= 10 && e.Auction.Category <= 14);
        events.Where(e => e.IsBid).Should().OnlyContain(e => e.Bid.Price >= 100 && e.Bid.Auction >= 1000 && e.Bid.Bidder >= 1000);
    }

    [Fact]
    public void Next_Bids_MostGoToHotAuctions()
    {
        var generator = new EventGenerator(new GeneratorConfig());
        var bids = Enumerable.Range(0, 50_000).Select(n => generator.Next(n)).Where(e => e.IsBid).Select(e => e.Bid).ToList();

        // A hot auction is the first of a batch of 100 (base-0 id a multiple of 100); half the bids go to one.
        double hotShare = bids.Count(b => (b.Auction - GeneratorConfig.FirstAuctionId) % 100 == 0) / (double)bids.Count;

        hotShare.Should().BeInRange(0.45, 0.6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Source_AnyParallelism_EmitsEveryEventOnceWithItsTimestamp(int parallelism)
    {
        var config = new GeneratorConfig { Seed = 11, EventsPerSecond = 1000 };
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
        var sink = env.FromNexmark(config, 5000).Map(e => (e.Kind, e.DateTime, Text: e.ToString())).Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromMinutes(1));

        var generator = new EventGenerator(config);
        var expected = Enumerable.Range(0, 5000).Select(n => generator.Next(n)).Select(e => (e.Kind, e.DateTime, Text: e.ToString())).ToList();
        Multiset.ShouldEqual(sink.Values.ToList(), expected);
        sink.Records.Should().OnlyContain(r => r.Timestamp.Milliseconds == r.Value.DateTime);
    }
}

using Flinq.Nexmark.Generator;
using Flinq.Nexmark.Model;
using Flinq.Nexmark.Queries;
using Flinq.Nexmark.Serialization;
using Flinq.Serialization;

namespace Flinq.Nexmark.Tests;

public sealed class SerializerTests
{
    private static readonly SerializerRegistry Registry = CreateRegistry();

    [Fact]
    public void Serializers_GeneratedRecords_RoundTripExactly()
    {
        var generator = new EventGenerator(new GeneratorConfig());
        for (long n = 0; n < 200; n++)
        {
            var e = generator.Next(n);
            switch (e.Kind)
            {
                case EventKind.Person: RoundTrip(e.Person!).Should().Be(e.Person); break;
                case EventKind.Auction: RoundTrip(e.Auction!).Should().Be(e.Auction); break;
                default: RoundTrip(e.Bid).Should().Be(e.Bid); break;
            }
        }
    }

    [Fact]
    public void Serializers_Q7Accumulator_RoundTripsMaxAndBids()
    {
        var accumulator = new Q7HighestBid.MaxBids { Max = 500 };
        accumulator.Bids.Add(new Bid(1000, 1001, 500, 42, 7, 60));
        accumulator.Bids.Add(new Bid(1002, 1003, 500, 43, 8, 61));

        var copy = RoundTrip(accumulator);

        copy.Max.Should().Be(500);
        copy.Bids.Should().Equal(accumulator.Bids);
    }

    private static T RoundTrip<T>(T value)
    {
        var serializer = Registry.Get<T>();
        var writer = new StateWriter();
        serializer.Serialize(value, writer);
        return serializer.Deserialize(new StateReader(writer.ToArray()));
    }

    private static SerializerRegistry CreateRegistry()
    {
        var registry = new SerializerRegistry();
        NexmarkSerializers.Register(registry);
        return registry;
    }
}

using Flinq.Nexmark.Model;
using Flinq.Serialization;

namespace Flinq.Nexmark.Serialization;

/// <summary>Binary state serializers for the Nexmark records (instead of the JSON default), for checkpointed runs.</summary>
public static class NexmarkSerializers
{
    /// <summary>Registers the serializers of <see cref="Bid"/>, <see cref="Auction"/>, <see cref="Person"/> and query 7's window accumulator.</summary>
    public static void Register(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(new BidSerializer());
        registry.Register(new AuctionSerializer());
        registry.Register(new PersonSerializer());
        registry.Register(new MaxBidsSerializer());
    }

    /// <summary>Query 7's window accumulator: the highest price and the bids at it.</summary>
    private sealed class MaxBidsSerializer : TypeSerializer<Queries.Q7HighestBid.MaxBids>
    {
        private readonly BidSerializer _bid = new();

        public override void Serialize(Queries.Q7HighestBid.MaxBids value, StateWriter writer)
        {
            writer.WriteVarInt64(value.Max);
            writer.WriteVarInt64(value.Bids.Count);
            foreach (var bid in value.Bids)
            {
                _bid.Serialize(bid, writer);
            }
        }

        public override Queries.Q7HighestBid.MaxBids Deserialize(StateReader reader)
        {
            var result = new Queries.Q7HighestBid.MaxBids { Max = reader.ReadVarInt64() };
            long count = reader.ReadVarInt64();
            for (long i = 0; i < count; i++)
            {
                result.Bids.Add(_bid.Deserialize(reader));
            }

            return result;
        }
    }

    private sealed class BidSerializer : TypeSerializer<Bid>
    {
        public override void Serialize(Bid value, StateWriter writer)
        {
            writer.WriteVarInt64(value.Auction);
            writer.WriteVarInt64(value.Bidder);
            writer.WriteVarInt64(value.Price);
            writer.WriteVarInt64(value.DateTime);
            writer.WriteVarUInt64(value.ExtraSeed);
            writer.WriteVarInt64(value.ExtraLength);
        }

        public override Bid Deserialize(StateReader reader) =>
            new(reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarUInt64(), checked((int)reader.ReadVarInt64()));
    }

    private sealed class AuctionSerializer : TypeSerializer<Auction>
    {
        public override void Serialize(Auction value, StateWriter writer)
        {
            writer.WriteVarInt64(value.Id);
            writer.WriteString(value.ItemName);
            writer.WriteString(value.Description);
            writer.WriteVarInt64(value.InitialBid);
            writer.WriteVarInt64(value.Reserve);
            writer.WriteVarInt64(value.DateTime);
            writer.WriteVarInt64(value.Expires);
            writer.WriteVarInt64(value.Seller);
            writer.WriteVarInt64(value.Category);
            writer.WriteString(value.Extra);
        }

        public override Auction Deserialize(StateReader reader) => new(
            reader.ReadVarInt64(), ReadString(reader), ReadString(reader), reader.ReadVarInt64(), reader.ReadVarInt64(),
            reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadVarInt64(), ReadString(reader));
    }

    private sealed class PersonSerializer : TypeSerializer<Person>
    {
        public override void Serialize(Person value, StateWriter writer)
        {
            writer.WriteVarInt64(value.Id);
            writer.WriteString(value.Name);
            writer.WriteString(value.EmailAddress);
            writer.WriteString(value.CreditCard);
            writer.WriteString(value.City);
            writer.WriteString(value.State);
            writer.WriteVarInt64(value.DateTime);
            writer.WriteString(value.Extra);
        }

        public override Person Deserialize(StateReader reader) => new(
            reader.ReadVarInt64(), ReadString(reader), ReadString(reader), ReadString(reader), ReadString(reader),
            ReadString(reader), reader.ReadVarInt64(), ReadString(reader));
    }

    private static string ReadString(StateReader reader) =>
        reader.ReadString() ?? throw new StateSerializationException("A Nexmark record field read as null; the state is not a Nexmark record.");
}

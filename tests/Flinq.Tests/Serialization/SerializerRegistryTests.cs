using System.Text.Json.Serialization;
using CsCheck;
using Flinq.Serialization;
using Flinq.Time;

namespace Flinq.Tests.Serialization;

public sealed class SerializerRegistryTests
{
    private static T RoundTrip<T>(T value, SerializerRegistry? registry = null)
    {
        var serializer = (registry ?? new SerializerRegistry()).Get<T>();
        var writer = new StateWriter();
        serializer.Serialize(value, writer);
        var reader = new StateReader(writer.ToArray());
        var result = serializer.Deserialize(reader, serializer.Version);
        reader.IsAtEnd.Should().BeTrue("a serializer must read exactly what it wrote");
        return result;
    }

    [Fact]
    public void Get_Primitives_RoundTrip()
    {
        RoundTrip(42).Should().Be(42);
        RoundTrip(int.MinValue).Should().Be(int.MinValue);
        RoundTrip(long.MaxValue).Should().Be(long.MaxValue);
        RoundTrip(-1L).Should().Be(-1L);
        RoundTrip(3.25).Should().Be(3.25);
        RoundTrip(double.NaN).Should().Be(double.NaN);
        RoundTrip(1.5f).Should().Be(1.5f);
        RoundTrip(123.456m).Should().Be(123.456m);
        RoundTrip(true).Should().BeTrue();
        RoundTrip('λ').Should().Be('λ');
        RoundTrip("héllo, 世界").Should().Be("héllo, 世界");
        RoundTrip(string.Empty).Should().Be(string.Empty);
        RoundTrip<string?>(null).Should().BeNull();
        var guid = Guid.NewGuid();
        RoundTrip(guid).Should().Be(guid);
        var now = DateTimeOffset.UtcNow;
        RoundTrip(now).Should().Be(now);
        RoundTrip(TimeSpan.FromMilliseconds(-5)).Should().Be(TimeSpan.FromMilliseconds(-5));
        RoundTrip(new Timestamp(1_700_000_000_000)).Should().Be(new Timestamp(1_700_000_000_000));
        RoundTrip(DayOfWeek.Friday).Should().Be(DayOfWeek.Friday);
        RoundTrip(new byte[] { 1, 2, 3 }).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Get_Composites_RoundTrip()
    {
        RoundTrip(new List<string> { "a", "b" }).Should().Equal("a", "b");
        RoundTrip(new[] { 1L, 2L, 3L }).Should().Equal(1L, 2L, 3L);
        RoundTrip(new HashSet<int> { 3, 1 }).Should().BeEquivalentTo(new[] { 1, 3 });
        RoundTrip(new Dictionary<string, long> { ["x"] = 1, ["y"] = 2 }).Should().BeEquivalentTo(new Dictionary<string, long> { ["x"] = 1, ["y"] = 2 });
        RoundTrip(("host-1", 42L)).Should().Be(("host-1", 42L));
        RoundTrip((1, "a", 2.5, true)).Should().Be((1, "a", 2.5, true));
        RoundTrip<int?>(null).Should().BeNull();
        RoundTrip<int?>(7).Should().Be(7);
        RoundTrip(new KeyValuePair<string, int>("k", 1)).Should().Be(new KeyValuePair<string, int>("k", 1));
    }

    [Fact]
    public void Get_RecordType_UsesJsonAndRoundTrips()
    {
        var value = new OrderV1("o-1", 12.5m);
        RoundTrip(value).Should().Be(value);
        RoundTrip<OrderV1?>(null).Should().BeNull();
    }

    [Fact]
    public void Deserialize_AddedField_ReadsOldStateWithDefault()
    {
        var registry = new SerializerRegistry();
        var writer = new StateWriter();
        registry.Get<OrderV1>().Serialize(new OrderV1("o-1", 12.5m), writer);

        var newer = registry.Get<OrderV2>().Deserialize(new StateReader(writer.ToArray()));

        newer.Should().Be(new OrderV2("o-1", 12.5m, Currency: null));
    }

    [Fact]
    public void Register_CustomSerializer_IsUsedAlsoInsideCollections()
    {
        var registry = new SerializerRegistry();
        registry.Register(new UpperCaseStringSerializer());

        RoundTrip("abc", registry).Should().Be("ABC");
        RoundTrip(new List<string> { "x" }, registry).Should().Equal("X");
    }

    [Fact]
    public void Deserialize_TruncatedData_ThrowsWithOffset()
    {
        var serializer = new SerializerRegistry().Get<(string, long)>();
        var writer = new StateWriter();
        serializer.Serialize(("a fairly long string value", 123456789L), writer);
        var truncated = writer.ToArray()[..10];

        var act = () => serializer.Deserialize(new StateReader(truncated));

        act.Should().Throw<StateSerializationException>().WithMessage("*truncated*offset*");
    }

    [Fact]
    public void Deserialize_OtherVersion_ThrowsUnlessOverridden()
    {
        var serializer = new SerializerRegistry().Get<long>();
        var act = () => serializer.Deserialize(new StateReader(new byte[] { 2 }), writtenVersion: 9);

        act.Should().Throw<StateSerializationException>().WithMessage("*version 9*");
    }

    [Fact]
    public void Serialize_RandomValues_RoundTrip()
    {
        Gen.Select(Gen.Long, Gen.String, Gen.Double, Gen.Int.Array)
            .Sample((l, s, d, a) =>
            {
                RoundTrip(l).Should().Be(l);
                RoundTrip(s).Should().Be(s);
                RoundTrip(d).Should().Be(d);
                RoundTrip((l, s)).Should().Be((l, s));
                RoundTrip(a).Should().Equal(a);
            }, iter: 500);
    }

    [Fact]
    public void WriteVarInt64_SmallValues_TakeOneByte()
    {
        var writer = new StateWriter();
        writer.WriteVarInt64(-3);
        writer.WriteVarInt64(60);
        writer.Length.Should().Be(2);
    }

    public sealed record OrderV1(string Id, decimal Amount);

    public sealed record OrderV2(string Id, decimal Amount, [property: JsonPropertyName("Currency")] string? Currency);

    private sealed class UpperCaseStringSerializer : TypeSerializer<string>
    {
        public override void Serialize(string value, StateWriter writer) => writer.WriteString(value.ToUpperInvariant());

        public override string Deserialize(StateReader reader) => reader.ReadString()!;
    }
}

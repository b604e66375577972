using Flinq.Time;

namespace Flinq.Serialization.Serializers;

internal sealed class BooleanSerializer : TypeSerializer<bool>
{
    public override void Serialize(bool value, StateWriter writer) => writer.WriteBoolean(value);

    public override bool Deserialize(StateReader reader) => reader.ReadBoolean();
}

internal sealed class ByteSerializer : TypeSerializer<byte>
{
    public override void Serialize(byte value, StateWriter writer) => writer.WriteByte(value);

    public override byte Deserialize(StateReader reader) => reader.ReadByte();
}

internal sealed class Int16Serializer : TypeSerializer<short>
{
    public override void Serialize(short value, StateWriter writer) => writer.WriteInt16(value);

    public override short Deserialize(StateReader reader) => reader.ReadInt16();
}

internal sealed class CharSerializer : TypeSerializer<char>
{
    public override void Serialize(char value, StateWriter writer) => writer.WriteInt16((short)value);

    public override char Deserialize(StateReader reader) => (char)reader.ReadInt16();
}

/// <summary>Integers zig-zag varint encoded: counters and small ids take one or two bytes.</summary>
internal sealed class Int32Serializer : TypeSerializer<int>
{
    public override void Serialize(int value, StateWriter writer) => writer.WriteVarInt64(value);

    public override int Deserialize(StateReader reader) => checked((int)reader.ReadVarInt64());
}

internal sealed class Int64Serializer : TypeSerializer<long>
{
    public override void Serialize(long value, StateWriter writer) => writer.WriteVarInt64(value);

    public override long Deserialize(StateReader reader) => reader.ReadVarInt64();
}

internal sealed class UInt32Serializer : TypeSerializer<uint>
{
    public override void Serialize(uint value, StateWriter writer) => writer.WriteVarUInt64(value);

    public override uint Deserialize(StateReader reader) => checked((uint)reader.ReadVarUInt64());
}

internal sealed class UInt64Serializer : TypeSerializer<ulong>
{
    public override void Serialize(ulong value, StateWriter writer) => writer.WriteVarUInt64(value);

    public override ulong Deserialize(StateReader reader) => reader.ReadVarUInt64();
}

internal sealed class SingleSerializer : TypeSerializer<float>
{
    public override void Serialize(float value, StateWriter writer) => writer.WriteSingle(value);

    public override float Deserialize(StateReader reader) => reader.ReadSingle();
}

internal sealed class DoubleSerializer : TypeSerializer<double>
{
    public override void Serialize(double value, StateWriter writer) => writer.WriteDouble(value);

    public override double Deserialize(StateReader reader) => reader.ReadDouble();
}

internal sealed class DecimalSerializer : TypeSerializer<decimal>
{
    public override void Serialize(decimal value, StateWriter writer)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (int part in bits)
        {
            writer.WriteInt32(part);
        }
    }

    public override decimal Deserialize(StateReader reader) =>
        new([reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()]);
}

internal sealed class StringSerializer : TypeSerializer<string>
{
    public override void Serialize(string value, StateWriter writer) => writer.WriteString(value);

    public override string Deserialize(StateReader reader) => reader.ReadString()!;
}

internal sealed class ByteArraySerializer : TypeSerializer<byte[]>
{
    public override void Serialize(byte[] value, StateWriter writer) => writer.WriteBytes(value);

    public override byte[] Deserialize(StateReader reader) => reader.ReadBytes();
}

internal sealed class GuidSerializer : TypeSerializer<Guid>
{
    public override void Serialize(Guid value, StateWriter writer)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        writer.WriteRaw(bytes);
    }

    public override Guid Deserialize(StateReader reader) => new(reader.ReadRaw(16));
}

internal sealed class DateTimeSerializer : TypeSerializer<DateTime>
{
    public override void Serialize(DateTime value, StateWriter writer) => writer.WriteInt64(value.ToBinary());

    public override DateTime Deserialize(StateReader reader) => DateTime.FromBinary(reader.ReadInt64());
}

internal sealed class DateTimeOffsetSerializer : TypeSerializer<DateTimeOffset>
{
    public override void Serialize(DateTimeOffset value, StateWriter writer)
    {
        writer.WriteInt64(value.Ticks);
        writer.WriteInt16((short)value.Offset.TotalMinutes);
    }

    public override DateTimeOffset Deserialize(StateReader reader) =>
        new(reader.ReadInt64(), TimeSpan.FromMinutes(reader.ReadInt16()));
}

internal sealed class TimeSpanSerializer : TypeSerializer<TimeSpan>
{
    public override void Serialize(TimeSpan value, StateWriter writer) => writer.WriteVarInt64(value.Ticks);

    public override TimeSpan Deserialize(StateReader reader) => new(reader.ReadVarInt64());
}

internal sealed class TimestampSerializer : TypeSerializer<Timestamp>
{
    public override void Serialize(Timestamp value, StateWriter writer) => writer.WriteInt64(value.Milliseconds);

    public override Timestamp Deserialize(StateReader reader) => new(reader.ReadInt64());
}

/// <summary>Enums as their underlying value (so renaming a member keeps state readable; renumbering does not).</summary>
internal sealed class EnumSerializer<TEnum> : TypeSerializer<TEnum>
    where TEnum : struct, Enum
{
    public override void Serialize(TEnum value, StateWriter writer) => writer.WriteVarInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));

    public override TEnum Deserialize(StateReader reader) => (TEnum)Enum.ToObject(typeof(TEnum), reader.ReadVarInt64());
}

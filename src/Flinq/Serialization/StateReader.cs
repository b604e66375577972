using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Flinq.Serialization;

/// <summary>
/// Reads what a <see cref="StateWriter"/> wrote. Every read is bounds-checked: truncated or corrupt data throws
/// a <see cref="StateSerializationException"/> saying what was being read and where, never garbage.
/// </summary>
public sealed class StateReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private int _position;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public StateReader(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The read position in bytes.</summary>
    public int Position => _position;

    /// <summary>Whether all bytes have been read.</summary>
    public bool IsAtEnd => _position >= _data.Length;

    public byte ReadByte() => Take(1, "byte")[0];

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw Corrupt($"a boolean byte of {b}"),
    };

    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2, "Int16"));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4, "Int32"));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "Int64"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "Double"));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "Single"));

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw Corrupt("a variable-length integer longer than 10 bytes");
    }

    public long ReadVarInt64()
    {
        ulong raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads a length, checking it against the bytes that remain.</summary>
    public int ReadLength(string what)
    {
        ulong length = ReadVarUInt64();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Truncated($"a {what} of {length} bytes is announced but only {_data.Length - _position} bytes are left");
        }

        return (int)length;
    }

    public byte[] ReadBytes() => Take(ReadLength("byte array"), "byte array").ToArray();

    public ReadOnlySpan<byte> ReadRaw(int count) => Take(count, "raw bytes");

    public string? ReadString()
    {
        ulong prefix = ReadVarUInt64();
        if (prefix == 0)
        {
            return null;
        }

        ulong count = prefix - 1;
        if (count > (ulong)(_data.Length - _position))
        {
            throw Truncated($"a string of {count} bytes is announced but only {_data.Length - _position} bytes are left");
        }

        return Encoding.UTF8.GetString(Take((int)count, "string"));
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            ThrowTruncated(what, count);
        }

        var span = _data.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    [DoesNotReturn]
    private void ThrowTruncated(string what, int count) =>
        throw new StateSerializationException($"State data is truncated: reading {what} ({count} bytes) at offset {_position} of {_data.Length}.");

    private StateSerializationException Truncated(string what) =>
        new($"State data is truncated or corrupt: at offset {_position}, {what}.");

    private StateSerializationException Corrupt(string what) =>
        new($"State data is corrupt: found {what} at offset {_position}.");
}

using System.Buffers.Binary;
using System.Text;

namespace Flinq.Serialization;

/// <summary>
/// A growable little-endian byte buffer that serializers write state into. Not thread-safe; reuse one per
/// snapshot with <see cref="Clear"/>.
/// </summary>
public sealed class StateWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with an initial capacity.</summary>
    public StateWriter(int initialCapacity = 256) => _buffer = new byte[Math.Max(16, initialCapacity)];

    /// <summary>The number of bytes written.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far as a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets what was written; keeps the buffer.</summary>
    public void Clear() => _length = 0;

    public void WriteByte(byte value) => Grow(1)[0] = value;

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Grow(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Grow(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Grow(8), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Grow(8), value);

    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Grow(4), value);

    /// <summary>Writes an unsigned integer in 7-bit groups (1 byte below 128): for lengths and counts.</summary>
    public void WriteVarUInt64(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    /// <summary>Writes a signed integer zig-zag encoded in 7-bit groups: small magnitudes take few bytes.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a length-prefixed byte sequence.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt64((ulong)bytes.Length);
        bytes.CopyTo(Grow(bytes.Length));
    }

    /// <summary>Writes raw bytes without a length.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grow(bytes.Length));

    /// <summary>Writes a string as UTF-8 with a length prefix; null is distinguished from empty.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarUInt64(0);
            return;
        }

        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max < 4096)
        {
            Span<byte> scratch = stackalloc byte[max];
            int written = Encoding.UTF8.GetBytes(value, scratch);
            WriteVarUInt64((ulong)written + 1);
            scratch[..written].CopyTo(Grow(written));
            return;
        }

        int count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)count + 1);
        Encoding.UTF8.GetBytes(value, Grow(count));
    }

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}

using System.Buffers.Binary;

namespace Flinq.Monitor.Ingest;

/// <summary>
/// Reads the protobuf wire format straight from a span, for hand-written decoders of hot messages. Every method
/// returns false rather than throwing on anything it does not accept: truncated data, overlong or oversized varints,
/// field number 0, lengths above <see cref="int.MaxValue"/>, groups (wire types 3 and 4) and wire types 6 and 7.
/// A caller that gets false hands the whole message to Google.Protobuf, which either parses the unusual encoding or
/// throws the error the client is told; so these readers may be stricter than Google.Protobuf, never laxer.
/// </summary>
internal static class ProtoWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    /// <summary>Reads a varint of up to 10 bytes; bits beyond 64 are dropped, as Google.Protobuf does.</summary>
    public static bool TryReadVarint(ReadOnlySpan<byte> data, scoped ref int pos, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if ((uint)pos >= (uint)data.Length)
            {
                return false;
            }

            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a field tag (field number &lt;&lt; 3 | wire type); false for field number 0 or a tag above 32 bits.</summary>
    public static bool TryReadTag(ReadOnlySpan<byte> data, scoped ref int pos, out uint tag)
    {
        // One-byte tags (field numbers 1..15) are the common case.
        if ((uint)pos < (uint)data.Length && data[pos] is >= 8 and < 0x80)
        {
            tag = data[pos++];
            return true;
        }

        if (!TryReadVarint(data, ref pos, out ulong value) || value > uint.MaxValue || value >> 3 == 0)
        {
            tag = 0;
            return false;
        }

        tag = (uint)value;
        return true;
    }

    /// <summary>Reads the length and the bytes of a length-delimited field whose tag was read.</summary>
    public static bool TryReadBytes(ReadOnlySpan<byte> data, scoped ref int pos, out ReadOnlySpan<byte> bytes)
    {
        if (!TryReadVarint(data, ref pos, out ulong length) || length > (ulong)(data.Length - pos))
        {
            bytes = default;
            return false;
        }

        bytes = data.Slice(pos, (int)length);
        pos += (int)length;
        return true;
    }

    /// <summary>Reads a little-endian 8-byte field (double, fixed64) whose tag was read.</summary>
    public static bool TryReadFixed64(ReadOnlySpan<byte> data, scoped ref int pos, out ulong value)
    {
        if (data.Length - pos < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(pos, 8));
        pos += 8;
        return true;
    }

    /// <summary>Skips the value of a field whose tag was read (an unknown field); false for groups and invalid wire types.</summary>
    public static bool TrySkip(ReadOnlySpan<byte> data, scoped ref int pos, uint tag)
    {
        switch ((int)(tag & 7))
        {
            case Varint:
                return TryReadVarint(data, ref pos, out _);
            case Fixed64:
                return TryAdvance(data, ref pos, 8);
            case LengthDelimited:
                return TryReadBytes(data, ref pos, out _);
            case Fixed32:
                return TryAdvance(data, ref pos, 4);
            default:
                return false;
        }
    }

    private static bool TryAdvance(ReadOnlySpan<byte> data, scoped ref int pos, int count)
    {
        if (data.Length - pos < count)
        {
            return false;
        }

        pos += count;
        return true;
    }
}

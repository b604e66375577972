using System.Buffers.Binary;
using System.Globalization;

namespace Flinq.Monitor.Telemetry;

/// <summary>
/// A 16-byte W3C/OpenTelemetry trace id held in two longs (no allocation). All zeroes means "no trace id".
/// Its text form is 32 lower-case hex digits, as OTLP/JSON writes it.
/// </summary>
public readonly record struct TraceId(ulong High, ulong Low)
{
    /// <summary>The absent trace id (all zeroes).</summary>
    public static TraceId Empty => default;

    /// <summary>Whether this is the all-zero (absent) id.</summary>
    public bool IsEmpty => High == 0 && Low == 0;

    /// <summary>Reads 16 big-endian bytes (the OTLP protobuf form); an empty span gives <see cref="Empty"/>.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out TraceId id)
    {
        if (bytes.Length == 0)
        {
            id = Empty;
            return true;
        }

        if (bytes.Length != 16)
        {
            id = Empty;
            return false;
        }

        id = new TraceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        return true;
    }

    /// <summary>Parses 32 hex digits (either case); an empty text gives <see cref="Empty"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out TraceId id)
    {
        id = Empty;
        if (hex.Length == 0)
        {
            return true;
        }

        if (hex.Length != 32
            || !ulong.TryParse(hex[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !ulong.TryParse(hex[16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return false;
        }

        id = new TraceId(high, low);
        return true;
    }

    /// <summary>Writes the 16 big-endian bytes.</summary>
    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>32 lower-case hex digits, or an empty string for <see cref="Empty"/>.</summary>
    public override string ToString() => IsEmpty ? string.Empty : High.ToString("x16", CultureInfo.InvariantCulture) + Low.ToString("x16", CultureInfo.InvariantCulture);
}

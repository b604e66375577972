using System.Buffers.Binary;
using System.Globalization;

namespace Flinq.Monitor.Telemetry;

/// <summary>
/// An 8-byte W3C/OpenTelemetry span id in one long. Zero means "no span id". Its text form is 16 lower-case
/// hex digits, as OTLP/JSON writes it.
/// </summary>
public readonly record struct SpanId(ulong Value)
{
    /// <summary>The absent span id (zero).</summary>
    public static SpanId Empty => default;

    /// <summary>Whether this is the zero (absent) id.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>Reads 8 big-endian bytes (the OTLP protobuf form); an empty span gives <see cref="Empty"/>.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out SpanId id)
    {
        id = Empty;
        if (bytes.Length == 0)
        {
            return true;
        }

        if (bytes.Length != 8)
        {
            return false;
        }

        id = new SpanId(BinaryPrimitives.ReadUInt64BigEndian(bytes));
        return true;
    }

    /// <summary>Parses 16 hex digits (either case); an empty text gives <see cref="Empty"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out SpanId id)
    {
        id = Empty;
        if (hex.Length == 0)
        {
            return true;
        }

        if (hex.Length != 16 || !ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        id = new SpanId(value);
        return true;
    }

    /// <summary>Writes the 8 big-endian bytes.</summary>
    public void WriteBytes(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, Value);

    /// <summary>16 lower-case hex digits, or an empty string for <see cref="Empty"/>.</summary>
    public override string ToString() => IsEmpty ? string.Empty : Value.ToString("x16", CultureInfo.InvariantCulture);
}

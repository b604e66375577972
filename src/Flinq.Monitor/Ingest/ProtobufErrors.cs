using System.Globalization;

namespace Flinq.Monitor.Ingest;

/// <summary>
/// Turns a protobuf parse failure into an <see cref="IngestError"/> with a byte offset and field. Google.Protobuf's
/// exceptions carry neither, so the top level of the message is walked again with the wire format alone: the
/// first top-level field whose tag, length or value does not fit gives the offset; when the top level is
/// sound, the error lies inside a top-level element, whose index and byte range are reported.
/// </summary>
internal static class ProtobufErrors
{
    /// <summary>Parses one top-level element (field <paramref name="fieldNumber"/>) and throws when it is malformed.</summary>
    public delegate void ElementParser(int fieldNumber, ReadOnlySpan<byte> element);

    public static IngestError Describe(ReadOnlySpan<byte> message, Exception exception, IReadOnlyDictionary<int, string> topLevelNames, ElementParser? parseElement = null)
    {
        string detail = exception is System.Text.DecoderFallbackException
            ? "a string field is not valid UTF-8"
            : exception.Message;
        var counts = new Dictionary<int, int>();
        int pos = 0;
        while (pos < message.Length)
        {
            int fieldStart = pos;
            if (!TryReadVarint(message, ref pos, out ulong tag) || tag >> 3 == 0 || tag >> 3 > int.MaxValue)
            {
                return new IngestError($"malformed protobuf: invalid field tag ({detail})", Offset: fieldStart);
            }

            int number = (int)(tag >> 3);
            int index = counts.GetValueOrDefault(number);
            counts[number] = index + 1;
            string field = Name(number, index, topLevelNames);
            switch ((int)(tag & 7))
            {
                case 0:
                    if (!TryReadVarint(message, ref pos, out _))
                    {
                        return new IngestError($"malformed protobuf: truncated varint ({detail})", Offset: fieldStart, Field: field);
                    }

                    break;
                case 1:
                    pos += 8;
                    break;
                case 5:
                    pos += 4;
                    break;
                case 2:
                    if (!TryReadVarint(message, ref pos, out ulong length))
                    {
                        return new IngestError($"malformed protobuf: truncated length ({detail})", Offset: fieldStart, Field: field);
                    }

                    if (length > (ulong)(message.Length - pos))
                    {
                        return new IngestError(
                            $"malformed protobuf: the field declares {length} bytes but only {message.Length - pos} remain (truncated body?) ({detail})",
                            Offset: fieldStart,
                            Field: field);
                    }

                    int elementStart = pos;
                    pos += (int)length;
                    if (parseElement is not null && topLevelNames.ContainsKey(number))
                    {
                        try
                        {
                            parseElement(number, message[elementStart..pos]);
                        }
                        catch (Exception inner) when (inner is Google.Protobuf.InvalidProtocolBufferException or System.Text.DecoderFallbackException or ArgumentException)
                        {
                            string innerDetail = inner is System.Text.DecoderFallbackException ? "a string field is not valid UTF-8" : inner.Message;
                            return new IngestError(
                                $"malformed protobuf in the element at bytes {elementStart}..{pos}: {innerDetail}",
                                Offset: fieldStart,
                                Field: field);
                        }
                    }

                    break;
                default:
                    return new IngestError($"malformed protobuf: unsupported wire type {tag & 7} ({detail})", Offset: fieldStart, Field: field);
            }

            if (pos > message.Length)
            {
                return new IngestError($"malformed protobuf: the body ends inside a fixed-size field ({detail})", Offset: fieldStart, Field: field);
            }
        }

        return new IngestError($"malformed protobuf inside a top-level element: {detail}", Offset: 0);
    }

    private static string Name(int number, int index, IReadOnlyDictionary<int, string> names) =>
        names.TryGetValue(number, out var name)
            ? string.Create(CultureInfo.InvariantCulture, $"{name}[{index}]")
            : string.Create(CultureInfo.InvariantCulture, $"field {number}");

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int pos, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
            {
                return false;
            }

            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}

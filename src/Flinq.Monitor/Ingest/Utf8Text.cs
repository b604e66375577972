using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Flinq.Monitor.Ingest;

/// <summary>UTF-8 checks that report where the first invalid byte is.</summary>
internal static class Utf8Text
{
    /// <summary>The index of the first byte of the first invalid sequence, or -1 when all is valid UTF-8.</summary>
    public static int IndexOfInvalid(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return -1;
        }

        int index = 0;
        while (index < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[index..], out _, out int consumed);
            if (status != OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return -1;
    }

    /// <summary>The reason text for invalid UTF-8 at <paramref name="index"/>.</summary>
    public static string InvalidReason(ReadOnlySpan<byte> utf8, int index) =>
        $"invalid UTF-8 (byte 0x{utf8[index]:X2} at position {index}); send UTF-8 text";
}

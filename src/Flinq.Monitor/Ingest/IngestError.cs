using System.Globalization;
using System.Text;

namespace Flinq.Monitor.Ingest;

/// <summary>
/// Why an item (or the whole body) was not taken, and where: a 1-based line for text formats, a byte offset
/// for binary and JSON formats, and the field or element path.
/// </summary>
/// <param name="Reason">What is wrong and, where possible, what to do about it.</param>
/// <param name="Line">The 1-based line of a text format; 0 when not applicable.</param>
/// <param name="Offset">The byte offset in the (decompressed) body; -1 when unknown.</param>
/// <param name="Field">The field or element path, e.g. <c>resourceMetrics[0].scopeMetrics[1].metrics[2]</c>; null when not applicable.</param>
/// <param name="Outcome">Whether the item was rejected or dropped by policy.</param>
public sealed record IngestError(string Reason, int Line = 0, long Offset = -1, string? Field = null, IngestOutcome Outcome = IngestOutcome.Rejected)
{
    /// <summary>One line: <c>line 3, field "f": reason</c> or <c>offset 17, field x: reason</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Line > 0)
        {
            sb.Append("line ").Append(Line.ToString(CultureInfo.InvariantCulture));
        }

        if (Offset >= 0)
        {
            sb.Append(sb.Length > 0 ? ", " : string.Empty).Append("offset ").Append(Offset.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(Field))
        {
            sb.Append(sb.Length > 0 ? ", " : string.Empty).Append(Field);
        }

        if (Outcome == IngestOutcome.Dropped)
        {
            sb.Append(sb.Length > 0 ? " " : string.Empty).Append("(dropped)");
        }

        return sb.Append(sb.Length > 0 ? ": " : string.Empty).Append(Reason).ToString();
    }
}

using Google.Protobuf;

namespace Flinq.Server.Demo;

/// <summary>
/// Encodes a Prometheus remote_write v1 <c>WriteRequest</c> (protobuf, then snappy block) for the demo
/// workload: timeseries = 1 { labels = 1 { name = 1, value = 2 }, samples = 2 { value = 1, timestamp = 2 } }.
/// </summary>
internal sealed class RemoteWriteEncoder
{
    private readonly MemoryStream _request = new();
    private readonly MemoryStream _series = new();

    public void Add(string name, IReadOnlyList<(string Name, string Value)> labels, long timestampMs, double value)
    {
        _series.SetLength(0);
        var series = new CodedOutputStream(_series, leaveOpen: true);
        WriteLabel(series, "__name__", name);
        foreach (var (n, v) in labels.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            WriteLabel(series, n, v);
        }

        series.WriteTag(2, WireFormat.WireType.LengthDelimited);
        series.WriteLength(CodedOutputStream.ComputeDoubleSize(value) + CodedOutputStream.ComputeInt64Size(timestampMs) + 2);
        series.WriteTag(1, WireFormat.WireType.Fixed64);
        series.WriteDouble(value);
        series.WriteTag(2, WireFormat.WireType.Varint);
        series.WriteInt64(timestampMs);
        series.Flush();

        var request = new CodedOutputStream(_request, leaveOpen: true);
        request.WriteTag(1, WireFormat.WireType.LengthDelimited);
        request.WriteBytes(ByteString.CopyFrom(_series.GetBuffer(), 0, (int)_series.Length));
        request.Flush();
    }

    /// <summary>The snappy-compressed request; resets the encoder.</summary>
    public byte[] Build()
    {
        var body = Snappier.Snappy.CompressToArray(_request.GetBuffer().AsSpan(0, (int)_request.Length));
        _request.SetLength(0);
        return body;
    }

    private static void WriteLabel(CodedOutputStream output, string name, string value)
    {
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteLength(CodedOutputStream.ComputeStringSize(name) + CodedOutputStream.ComputeStringSize(value) + 2);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteString(name);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }
}

using System.Buffers;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using Google.Protobuf;
using Snappier;

namespace Flinq.Monitor.Ingest.Prometheus;

/// <summary>
/// Decodes a Prometheus remote_write v1 body (snappy block format around a protobuf <c>WriteRequest</c>)
/// into <see cref="MetricPoint"/>s.
/// </summary>
/// <remarks>
/// <para>The <c>__name__</c> label becomes <see cref="MetricPoint.Name"/>; the other labels (sorted, names
/// interned) become <see cref="MetricPoint.Labels"/>. The <c>metadata</c> entries set
/// <see cref="MetricPoint.Kind"/> for their family (<c>name</c>, and <c>name_bucket</c>/<c>_sum</c>/<c>_count</c>
/// for histograms and summaries, <c>name_total</c> for counters); series without metadata are
/// <see cref="MetricKind.Unknown"/>.</para>
/// <para>Per series, a missing or empty <c>__name__</c>, an empty or duplicate label name and the label
/// limits reject all its samples; per sample, a timestamp outside the window rejects that sample. NaN values
/// are kept (Prometheus allows them); Prometheus' staleness marker (the NaN with bits 0x7ff0000000000002) is
/// dropped and counted in <see cref="IngestResult.Dropped"/>. Native histograms and exemplars are not read.</para>
/// <para>A hand-written reader walks the decompressed bytes (<c>RemoteWriteDecoder.Wire.cs</c>) and remembers the
/// series it built (<see cref="SeriesCache"/>), so a series sent again allocates nothing; a body it does not accept
/// (malformed, or an unusual encoding such as groups) is parsed again by Google.Protobuf, whose result or error is
/// the answer. Both paths give the same points and errors.</para>
/// <para>One instance per thread: it reuses buffers, a name table and the series cache.</para>
/// </remarks>
public sealed partial class RemoteWriteDecoder
{
    /// <summary>The bit pattern of Prometheus' staleness marker.</summary>
    public const ulong StaleNaNBits = 0x7ff0000000000002UL;

    private readonly IngestOptions _options;
    private readonly NameTable _names = new();
    private readonly LabelsBuilder _labels = new();
    private readonly Dictionary<string, MetricKind> _kinds = new(StringComparer.Ordinal);
    private readonly SeriesCache _series = new(SeriesCacheCapacity);

    /// <summary>Creates a decoder with the given (or default) options.</summary>
    public RemoteWriteDecoder(IngestOptions? options = null)
    {
        _options = options ?? IngestOptions.Default;
        _options.Validate();
    }

    /// <summary>Decodes a snappy-compressed <c>WriteRequest</c>, appending points to <paramref name="output"/>.</summary>
    public IngestResult Decode(ReadOnlySpan<byte> body, List<MetricPoint> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty; remote_write sends a snappy-compressed WriteRequest"));
        }

        int length;
        try
        {
            length = Snappy.GetUncompressedLength(body);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the body is not snappy block-compressed data (remote_write v1 uses the block format, not the framed format): " + e.Message, Offset: 0, Field: "Content-Encoding"));
        }

        if (length < 0 || length > _options.MaxDecodedBodyBytes)
        {
            return IngestResultBuilder.BodyFailure(new IngestError($"the body decompresses to {length} bytes; the limit is {_options.MaxDecodedBodyBytes}"));
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            int written;
            try
            {
                written = Snappy.Decompress(body, buffer);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
            {
                return IngestResultBuilder.BodyFailure(new IngestError("the snappy data is corrupt: " + e.Message, Field: "Content-Encoding"));
            }

            return DecodeUncompressed(buffer.AsSpan(0, written), output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes an uncompressed protobuf <c>WriteRequest</c>, appending points to <paramref name="output"/>.</summary>
    public IngestResult DecodeUncompressed(ReadOnlySpan<byte> protobuf, List<MetricPoint> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (TryDecodeWire(protobuf, output, out var result))
        {
            return result;
        }

        return DecodeWithGoogleProtobuf(protobuf, output);
    }

    /// <summary>The general path: Google.Protobuf parses the message (and names what is malformed), then it is mapped.</summary>
    internal IngestResult DecodeWithGoogleProtobuf(ReadOnlySpan<byte> protobuf, List<MetricPoint> output)
    {
        WriteRequest request;
        try
        {
            request = WriteRequest.Parser.ParseFrom(protobuf);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException or System.Text.DecoderFallbackException)
        {
            return IngestResultBuilder.BodyFailure(ProtobufErrors.Describe(protobuf, e, s_fieldNames, s_parseElement));
        }

        return Map(request, output);
    }

    private static readonly IReadOnlyDictionary<int, string> s_fieldNames = new Dictionary<int, string>
    {
        [1] = "timeseries",
        [3] = "metadata",
    };

    private static readonly ProtobufErrors.ElementParser s_parseElement = static (number, element) =>
    {
        if (number == 1)
        {
            TimeSeries.Parser.ParseFrom(element);
        }
        else
        {
            MetricMetadata.Parser.ParseFrom(element);
        }
    };

    private IngestResult Map(WriteRequest request, List<MetricPoint> output)
    {
        var result = new IngestResultBuilder(_options.MaxErrorsReported);
        var window = new TimeWindow(_options);
        _kinds.Clear();
        foreach (var metadata in request.Metadata)
        {
            AddKinds(metadata.MetricFamilyName, metadata.Type);
        }

        for (int s = 0; s < request.Timeseries.Count; s++)
        {
            var series = request.Timeseries[s];
            string? error = BuildSeries(series, out string name, out Labels labels);
            if (error is not null)
            {
                result.Reject(new IngestError(error, Field: $"timeseries[{s}]"), Math.Max(series.Samples.Count, 1));
                continue;
            }

            var kind = _kinds.Count == 0 ? MetricKind.Unknown : _kinds.GetValueOrDefault(name, MetricKind.Unknown);
            for (int i = 0; i < series.Samples.Count; i++)
            {
                var sample = series.Samples[i];
                if (BitConverter.DoubleToUInt64Bits(sample.Value) == StaleNaNBits)
                {
                    result.DropSilently();
                    continue;
                }

                string? timeError = window.Check(sample.Timestamp);
                if (timeError is not null)
                {
                    result.Reject(new IngestError(timeError, Field: $"timeseries[{s}].samples[{i}] ({name})"));
                    continue;
                }

                output.Add(new MetricPoint(name, labels, new Timestamp(sample.Timestamp), sample.Value, kind));
                result.Accept();
            }
        }

        return result.Build();
    }

    private string? BuildSeries(TimeSeries series, out string name, out Labels labels)
    {
        name = string.Empty;
        labels = Labels.Empty;
        _labels.Reset();
        foreach (var label in series.Labels)
        {
            if (string.Equals(label.Name, "__name__", StringComparison.Ordinal))
            {
                if (name.Length != 0)
                {
                    return DuplicateName;
                }

                name = _names.Get(label.Value);
                if (name.Length == 0)
                {
                    return EmptyName;
                }

                continue;
            }

            if (label.Name.Length == 0)
            {
                return EmptyLabelName;
            }

            _labels.Add(_names.Get(label.Name), label.Value);
        }

        return FinishSeries(name, out labels);
    }

    private const string DuplicateName = "duplicate label name \"__name__\"";
    private const string EmptyName = "the __name__ label is empty";
    private const string EmptyLabelName = "a label name is empty";

    /// <summary>Checks the series' name and the labels in <see cref="_labels"/> and builds the set; null or the reason.</summary>
    private string? FinishSeries(string name, out Labels labels)
    {
        labels = Labels.Empty;
        if (name.Length == 0)
        {
            return "the series has no __name__ label";
        }

        string? limit = LabelLimits.CheckSeries(_labels, _options);
        if (limit is not null)
        {
            return $"{limit} (series {name})";
        }

        return _labels.TryBuild(out labels, out var problem) ? null : $"{problem} (series {name})";
    }

    private void AddKinds(string family, MetricMetadata.Types.MetricType type)
    {
        if (family.Length == 0)
        {
            return;
        }

        switch (type)
        {
            case MetricMetadata.Types.MetricType.Counter:
                _kinds[family] = MetricKind.Counter;
                _kinds[family + "_total"] = MetricKind.Counter;
                break;
            case MetricMetadata.Types.MetricType.Gauge:
                _kinds[family] = MetricKind.Gauge;
                break;
            case MetricMetadata.Types.MetricType.Histogram:
            case MetricMetadata.Types.MetricType.Gaugehistogram:
                _kinds[family + "_bucket"] = MetricKind.Histogram;
                _kinds[family + "_sum"] = MetricKind.Histogram;
                _kinds[family + "_count"] = MetricKind.Histogram;
                break;
            case MetricMetadata.Types.MetricType.Summary:
                _kinds[family] = MetricKind.Summary;
                _kinds[family + "_sum"] = MetricKind.Summary;
                _kinds[family + "_count"] = MetricKind.Summary;
                break;
            default:
                break;
        }
    }
}

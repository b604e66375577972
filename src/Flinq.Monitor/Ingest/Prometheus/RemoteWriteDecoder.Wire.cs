using System.Text;
using System.Text.Unicode;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Ingest.Prometheus;

/// <summary>
/// The fast path: reads <c>WriteRequest</c> straight from the decompressed bytes, without protobuf objects, and
/// looks each series up in the <see cref="SeriesCache"/> by the bytes of its label fields. It follows proto3's
/// rules as Google.Protobuf applies them (unknown fields skipped, the last value of a repeated scalar wins, strings
/// must be valid UTF-8); whatever it does not accept sends the body to <see cref="DecodeWithGoogleProtobuf"/>.
/// </summary>
public sealed partial class RemoteWriteDecoder
{
    /// <summary>Series remembered per decoder (per thread) before the cache starts over.</summary>
    internal const int SeriesCacheCapacity = 16 * 1024;

    // Tags (field number << 3 | wire type) of prompb's remote_write v1 messages.
    private const uint WriteRequestTimeseries = (1 << 3) | ProtoWire.LengthDelimited;
    private const uint WriteRequestMetadata = (3 << 3) | ProtoWire.LengthDelimited;
    private const uint TimeSeriesLabels = (1 << 3) | ProtoWire.LengthDelimited;
    private const uint TimeSeriesSamples = (2 << 3) | ProtoWire.LengthDelimited;
    private const uint LabelName = (1 << 3) | ProtoWire.LengthDelimited;
    private const uint LabelValue = (2 << 3) | ProtoWire.LengthDelimited;
    private const uint SampleValue = (1 << 3) | ProtoWire.Fixed64;
    private const uint SampleTimestamp = (2 << 3) | ProtoWire.Varint;
    private const uint MetadataType = (1 << 3) | ProtoWire.Varint;
    private const uint MetadataFamilyName = (2 << 3) | ProtoWire.LengthDelimited;
    private const uint MetadataHelp = (4 << 3) | ProtoWire.LengthDelimited;
    private const uint MetadataUnit = (5 << 3) | ProtoWire.LengthDelimited;

    private RawLabel[] _rawLabels = new RawLabel[16];

    /// <summary>
    /// Decodes <paramref name="message"/> into <paramref name="output"/>; false (with <paramref name="output"/> as it
    /// was) when the bytes are malformed or use an encoding this reader leaves to Google.Protobuf.
    /// </summary>
    internal bool TryDecodeWire(ReadOnlySpan<byte> message, List<MetricPoint> output, out IngestResult result)
    {
        result = null!;
        _kinds.Clear();

        // Pass 1 over the top level: its framing, the metadata, which applies to series before and after it, and the
        // number of samples, so the output grows once rather than doubling its way up.
        int pos = 0, samples = 0;
        while (pos < message.Length)
        {
            if (!ProtoWire.TryReadTag(message, ref pos, out uint tag))
            {
                return false;
            }

            if (tag == WriteRequestMetadata)
            {
                if (!ProtoWire.TryReadBytes(message, ref pos, out var metadata) || !TryReadMetadata(metadata))
                {
                    return false;
                }
            }
            else if (tag == WriteRequestTimeseries)
            {
                if (!ProtoWire.TryReadBytes(message, ref pos, out var series))
                {
                    return false;
                }

                samples += CountSamples(series);
            }
            else if (!ProtoWire.TrySkip(message, ref pos, tag))
            {
                return false;
            }
        }

        // Pass 2: the series, in order. The top level is known to be sound, so only the series' insides can fail.
        int start = output.Count;
        output.EnsureCapacity(start + samples);
        var builder = new IngestResultBuilder(_options.MaxErrorsReported);
        var window = new TimeWindow(_options);
        int index = 0;
        pos = 0;
        while (pos < message.Length)
        {
            ProtoWire.TryReadTag(message, ref pos, out uint tag);
            if (tag != WriteRequestTimeseries)
            {
                ProtoWire.TrySkip(message, ref pos, tag);
                continue;
            }

            ProtoWire.TryReadBytes(message, ref pos, out var series);
            if (!TryReadSeries(series, index++, window, builder, output))
            {
                output.RemoveRange(start, output.Count - start);
                return false;
            }
        }

        result = builder.Build();
        return true;
    }

    /// <summary>The sample fields of a series, counted as far as its framing allows (a capacity hint only).</summary>
    private static int CountSamples(ReadOnlySpan<byte> series)
    {
        int count = 0, pos = 0;
        while (pos < series.Length && ProtoWire.TryReadTag(series, ref pos, out uint tag) && ProtoWire.TrySkip(series, ref pos, tag))
        {
            if (tag == TimeSeriesSamples)
            {
                count++;
            }
        }

        return count;
    }

    private bool TryReadMetadata(ReadOnlySpan<byte> metadata)
    {
        ulong type = 0;
        ReadOnlySpan<byte> family = default;
        int pos = 0;
        while (pos < metadata.Length)
        {
            if (!ProtoWire.TryReadTag(metadata, ref pos, out uint tag))
            {
                return false;
            }

            bool ok = tag switch
            {
                MetadataType => ProtoWire.TryReadVarint(metadata, ref pos, out type) && type <= uint.MaxValue,
                MetadataFamilyName => ProtoWire.TryReadBytes(metadata, ref pos, out family) && Utf8.IsValid(family),
                MetadataHelp or MetadataUnit => ProtoWire.TryReadBytes(metadata, ref pos, out var text) && Utf8.IsValid(text),
                _ => ProtoWire.TrySkip(metadata, ref pos, tag),
            };
            if (!ok)
            {
                return false;
            }
        }

        // An enum is read as a 32-bit value, as Google.Protobuf does.
        AddKinds(_names.GetUtf8(family), (MetricMetadata.Types.MetricType)(int)(uint)type);
        return true;
    }

    private bool TryReadSeries(ReadOnlySpan<byte> series, int index, TimeWindow window, IngestResultBuilder result, List<MetricPoint> output)
    {
        // Pass 1: the label fields (their byte range, for the cache) and the number of samples.
        int labelsStart = -1, labelsEnd = -1, labelCount = 0, sampleCount = 0;
        bool contiguous = true;
        int pos = 0;
        while (pos < series.Length)
        {
            int fieldStart = pos;
            if (!ProtoWire.TryReadTag(series, ref pos, out uint tag))
            {
                return false;
            }

            if (tag == TimeSeriesLabels)
            {
                if (!ProtoWire.TryReadBytes(series, ref pos, out var label) || !TryReadLabel(label, pos - label.Length, labelCount++))
                {
                    return false;
                }

                if (labelsStart < 0)
                {
                    labelsStart = fieldStart;
                }
                else if (labelsEnd != fieldStart)
                {
                    contiguous = false;
                }

                labelsEnd = pos;
            }
            else if (tag == TimeSeriesSamples)
            {
                if (!ProtoWire.TryReadBytes(series, ref pos, out _))
                {
                    return false;
                }

                sampleCount++;
            }
            else if (!ProtoWire.TrySkip(series, ref pos, tag))
            {
                return false;
            }
        }

        string name;
        Labels labels;
        var encodedLabels = labelsStart < 0 ? default : series[labelsStart..labelsEnd];
        string? error = null;
        if (!contiguous || !_series.TryGet(encodedLabels, out name, out labels))
        {
            error = BuildSeries(series, labelCount, out name, out labels);
            if (error is null && contiguous)
            {
                _series.Add(encodedLabels, name, labels);
            }
        }

        if (error is not null)
        {
            result.Reject(new IngestError(error, Field: $"timeseries[{index}]"), Math.Max(sampleCount, 1));
        }

        // Pass 2: the samples, which are read (and must be well-formed) also when the series was rejected.
        var kind = _kinds.Count == 0 ? MetricKind.Unknown : _kinds.GetValueOrDefault(name, MetricKind.Unknown);
        int i = 0;
        pos = 0;
        while (pos < series.Length)
        {
            ProtoWire.TryReadTag(series, ref pos, out uint tag);
            if (tag != TimeSeriesSamples)
            {
                ProtoWire.TrySkip(series, ref pos, tag);
                continue;
            }

            ProtoWire.TryReadBytes(series, ref pos, out var sample);
            if (!TryReadSample(sample, out double value, out long timestamp))
            {
                return false;
            }

            int sampleIndex = i++;
            if (error is not null)
            {
                continue;
            }

            if (BitConverter.DoubleToUInt64Bits(value) == StaleNaNBits)
            {
                result.DropSilently();
                continue;
            }

            if (!window.Contains(timestamp))
            {
                result.Reject(new IngestError(window.Check(timestamp)!, Field: $"timeseries[{index}].samples[{sampleIndex}] ({name})"));
                continue;
            }

            output.Add(new MetricPoint(name, labels, new Timestamp(timestamp), value, kind));
            result.Accept();
        }

        return true;
    }

    /// <summary>Reads one <c>Label</c> (the last name and value win) and keeps where its strings lie in the series.</summary>
    private bool TryReadLabel(ReadOnlySpan<byte> label, int offset, int index)
    {
        var raw = default(RawLabel);
        int pos = 0;
        while (pos < label.Length)
        {
            if (!ProtoWire.TryReadTag(label, ref pos, out uint tag))
            {
                return false;
            }

            if (tag is LabelName or LabelValue)
            {
                if (!ProtoWire.TryReadBytes(label, ref pos, out var text) || !Utf8.IsValid(text))
                {
                    return false;
                }

                var range = new Range(offset + pos - text.Length, offset + pos);
                if (tag == LabelName)
                {
                    raw.Name = range;
                }
                else
                {
                    raw.Value = range;
                }
            }
            else if (!ProtoWire.TrySkip(label, ref pos, tag))
            {
                return false;
            }
        }

        if (index == _rawLabels.Length)
        {
            Array.Resize(ref _rawLabels, index * 2);
        }

        _rawLabels[index] = raw;
        return true;
    }

    /// <summary>Builds a series from the labels <see cref="TryReadLabel"/> kept; the same rules as the general path.</summary>
    private string? BuildSeries(ReadOnlySpan<byte> series, int labelCount, out string name, out Labels labels)
    {
        name = string.Empty;
        labels = Labels.Empty;
        _labels.Reset();
        for (int i = 0; i < labelCount; i++)
        {
            var labelName = series[_rawLabels[i].Name];
            var value = series[_rawLabels[i].Value];
            if (labelName.SequenceEqual("__name__"u8))
            {
                if (name.Length != 0)
                {
                    return DuplicateName;
                }

                name = _names.GetUtf8(value);
                if (name.Length == 0)
                {
                    return EmptyName;
                }

                continue;
            }

            if (labelName.IsEmpty)
            {
                return EmptyLabelName;
            }

            _labels.Add(_names.GetUtf8(labelName), value.IsEmpty ? string.Empty : Encoding.UTF8.GetString(value));
        }

        return FinishSeries(name, out labels);
    }

    private static bool TryReadSample(ReadOnlySpan<byte> sample, out double value, out long timestamp)
    {
        value = 0;
        timestamp = 0;
        int pos = 0;
        while (pos < sample.Length)
        {
            if (!ProtoWire.TryReadTag(sample, ref pos, out uint tag))
            {
                return false;
            }

            if (tag == SampleValue)
            {
                if (!ProtoWire.TryReadFixed64(sample, ref pos, out ulong bits))
                {
                    return false;
                }

                value = BitConverter.UInt64BitsToDouble(bits);
            }
            else if (tag == SampleTimestamp)
            {
                if (!ProtoWire.TryReadVarint(sample, ref pos, out ulong ts))
                {
                    return false;
                }

                timestamp = unchecked((long)ts);
            }
            else if (!ProtoWire.TrySkip(sample, ref pos, tag))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where a label's name and value lie in its series' bytes (empty ranges when absent).</summary>
    private struct RawLabel
    {
        public Range Name;
        public Range Value;
    }
}

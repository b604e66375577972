using System.Globalization;
using System.Text;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Ingest.Influx;

/// <summary>
/// Decodes InfluxDB line protocol (the body of v1 <c>/write</c> and v2 <c>/api/v2/write</c>) into
/// <see cref="MetricPoint"/>s: one point per numeric field, named <c>measurement_field</c>.
/// </summary>
/// <remarks>
/// <para>Naming follows Telegraf's Prometheus outputs: <c>measurement_field</c>; a field called
/// <c>value</c> is named after the measurement alone (prometheus_client, metric_version 1); the measurement
/// <c>prometheus</c> names points after the field alone (the metric_version 2 serializer, for metrics that
/// came from Telegraf's prometheus input). Names are not sanitised.</para>
/// <para>Tags become labels. Floats, integers (<c>i</c>), unsigned integers (<c>u</c>) become the value
/// (64-bit integers beyond 2^53 lose precision as doubles); booleans become 1 or 0. String fields are dropped
/// with a reason, or become labels (<see cref="IngestOptions.InfluxStringFields"/>). A point's kind is
/// <see cref="MetricKind.Unknown"/>: line protocol does not say.</para>
/// <para>Escaping follows the Influx docs: in measurements a backslash escapes comma and space; in tag keys,
/// tag values and field keys it escapes comma, equals sign and space; in string field values it escapes
/// double quote; everywhere two backslashes are one backslash, and a backslash before any other character is
/// literal. Lines starting with <c>#</c> are comments; blank lines are skipped; <c>\r\n</c> is accepted.
/// Newlines inside values are not supported (as in Influx).</para>
/// <para>Each line is accepted or rejected as a whole (a dropped string field does not reject its line).
/// A line without a timestamp gets the decoder's clock time. One instance per thread: it reuses buffers.</para>
/// </remarks>
public sealed partial class InfluxLineProtocolDecoder
{
    private readonly IngestOptions _options;
    private readonly NameTable _names = new();
    private readonly LabelsBuilder _labels = new();
    private readonly List<Field> _fields = [];
    private readonly StringBuilder _nameBuilder = new();
    private byte[] _scratch = new byte[256];

    /// <summary>Creates a decoder with the given (or default) options.</summary>
    public InfluxLineProtocolDecoder(IngestOptions? options = null)
    {
        _options = options ?? IngestOptions.Default;
        _options.Validate();
    }

    /// <summary>Decodes all lines of <paramref name="body"/>, appending points to <paramref name="output"/>.</summary>
    public IngestResult Decode(ReadOnlySpan<byte> body, InfluxPrecision precision, List<MetricPoint> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty; send at least one line"));
        }

        var result = new IngestResultBuilder(_options.MaxErrorsReported);
        var window = new TimeWindow(_options);
        int lineNumber = 0;
        while (!body.IsEmpty)
        {
            lineNumber++;
            int newline = body.IndexOf((byte)'\n');
            var line = newline < 0 ? body : body[..newline];
            body = newline < 0 ? default : body[(newline + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            DecodeLine(line, lineNumber, precision, window, output, result);
        }

        return result.Build();
    }

    private void DecodeLine(ReadOnlySpan<byte> line, int lineNumber, InfluxPrecision precision, TimeWindow window, List<MetricPoint> output, IngestResultBuilder result)
    {
        int start = 0;
        while (start < line.Length && (line[start] == (byte)' ' || line[start] == (byte)'\t'))
        {
            start++;
        }

        if (start == line.Length || line[start] == (byte)'#')
        {
            return; // blank line or comment
        }

        if (line.Length > _options.MaxLineLength)
        {
            result.Reject(new IngestError($"the line is {line.Length} bytes long; the limit is {_options.MaxLineLength}", lineNumber));
            return;
        }

        int invalid = Utf8Text.IndexOfInvalid(line);
        if (invalid >= 0)
        {
            result.Reject(new IngestError(Utf8Text.InvalidReason(line, invalid), lineNumber));
            return;
        }

        int outputMark = output.Count;
        string? error = ParseLine(line, start, lineNumber, precision, window, output, result, out string? field);
        if (error is not null)
        {
            output.RemoveRange(outputMark, output.Count - outputMark);
            result.Reject(new IngestError(error, lineNumber, Field: field));
            return;
        }

        result.Accept();
    }

    private string? ParseLine(ReadOnlySpan<byte> line, int pos, int lineNumber, InfluxPrecision precision, TimeWindow window, List<MetricPoint> output, IngestResultBuilder result, out string? field)
    {
        field = null;
        _labels.Reset();
        _fields.Clear();

        // Measurement.
        int end = Scan(line, pos, ElementKind.Measurement);
        if (end == pos)
        {
            return "the measurement name is empty";
        }

        string measurement = _names.GetUtf8(Unescape(line[pos..end], ElementKind.Measurement));
        pos = end;

        // Tag set.
        while (pos < line.Length && line[pos] == (byte)',')
        {
            pos++;
            end = Scan(line, pos, ElementKind.Key);
            if (end >= line.Length || line[end] != (byte)'=')
            {
                return $"tag \"{Text(line[pos..end])}\" has no '=' and value; escape commas, spaces and equals signs in tags with a backslash";
            }

            if (end == pos)
            {
                return "a tag key is empty";
            }

            string key = _names.GetUtf8(Unescape(line[pos..end], ElementKind.Key));
            pos = end + 1;
            end = Scan(line, pos, ElementKind.TagValue);
            if (end < line.Length && line[end] == (byte)'=')
            {
                field = key;
                return $"tag \"{key}\" has an unescaped '=' in its value; escape it as \\=";
            }

            if (end == pos)
            {
                field = key;
                return $"tag \"{key}\" has an empty value; omit the tag instead";
            }

            _labels.Add(key, Encoding.UTF8.GetString(Unescape(line[pos..end], ElementKind.Key)));
            pos = end;
        }

        if (pos >= line.Length || line[pos] != (byte)' ')
        {
            return "the line has no field set; expected a space and then key=value";
        }

        pos = SkipSpaces(line, pos);

        // Field set.
        while (true)
        {
            end = Scan(line, pos, ElementKind.Key);
            if (end >= line.Length || line[end] != (byte)'=')
            {
                return end == pos
                    ? "the field set is empty or has a stray comma; a line needs at least one key=value field"
                    : $"field \"{Text(line[pos..end])}\" has no '=' and value";
            }

            if (end == pos)
            {
                return "a field key is empty";
            }

            string key = _names.GetUtf8(Unescape(line[pos..end], ElementKind.Key));
            field = key;
            pos = end + 1;
            string? error = ParseFieldValue(line, ref pos, key);
            if (error is not null)
            {
                return error;
            }

            if (pos < line.Length && line[pos] == (byte)',')
            {
                pos++;
                continue;
            }

            break;
        }

        field = null;

        // Timestamp.
        long ms;
        if (pos < line.Length)
        {
            if (line[pos] != (byte)' ')
            {
                return $"unexpected character '{(char)line[pos]}' after the field set";
            }

            pos = SkipSpaces(line, pos);
            end = pos;
            while (end < line.Length && line[end] != (byte)' ')
            {
                end++;
            }

            if (end > pos)
            {
                var text = line[pos..end];
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long raw))
                {
                    return $"timestamp \"{Text(text)}\" is not an integer (Unix time in {precision})";
                }

                if (!TryToMilliseconds(raw, precision, out ms))
                {
                    return $"timestamp {raw} in {precision} is out of range";
                }

                if (SkipSpaces(line, end) != line.Length)
                {
                    return "unexpected text after the timestamp";
                }
            }
            else
            {
                ms = window.Now.Milliseconds;
            }
        }
        else
        {
            ms = window.Now.Milliseconds;
        }

        string? timeError = window.Check(ms);
        if (timeError is not null)
        {
            return timeError;
        }

        return Emit(measurement, new Timestamp(ms), lineNumber, output, result);
    }

    private string? Emit(string measurement, Timestamp timestamp, int lineNumber, List<MetricPoint> output, IngestResultBuilder result)
    {
        int numeric = 0;
        for (int i = 0; i < _fields.Count; i++)
        {
            var f = _fields[i];
            for (int j = 0; j < i; j++)
            {
                if (string.Equals(_fields[j].Key, f.Key, StringComparison.Ordinal))
                {
                    return $"duplicate field key \"{f.Key}\"";
                }
            }

            if (f.StringValue is null)
            {
                numeric++;
            }
            else if (_options.InfluxStringFields == InfluxStringFieldPolicy.AsLabels)
            {
                _labels.Add(f.Key, f.StringValue);
            }
        }

        if (numeric == 0)
        {
            return "the line has no numeric field (string fields are not metric values)";
        }

        string? limit = LabelLimits.CheckSeries(_labels, _options);
        if (limit is not null)
        {
            return limit;
        }

        if (!_labels.TryBuild(out var labels, out var problem))
        {
            return problem;
        }

        foreach (var f in _fields)
        {
            if (f.StringValue is not null)
            {
                if (_options.InfluxStringFields == InfluxStringFieldPolicy.Drop)
                {
                    result.Drop(new IngestError("string fields are not metric values; set InfluxStringFields to AsLabels to keep them as labels", lineNumber, Field: f.Key));
                }

                continue;
            }

            output.Add(new MetricPoint(MetricName(measurement, f.Key), labels, timestamp, f.Value, MetricKind.Unknown));
        }

        return null;
    }

    private string MetricName(string measurement, string field)
    {
        if (string.Equals(field, "value", StringComparison.Ordinal))
        {
            return measurement;
        }

        if (string.Equals(measurement, "prometheus", StringComparison.Ordinal))
        {
            return field;
        }

        _nameBuilder.Clear().Append(measurement).Append('_').Append(field);
        Span<char> chars = stackalloc char[Math.Min(_nameBuilder.Length, 512)];
        if (_nameBuilder.Length <= chars.Length)
        {
            _nameBuilder.CopyTo(0, chars, _nameBuilder.Length);
            return _names.Get(chars[.._nameBuilder.Length]);
        }

        return _names.Get(_nameBuilder.ToString());
    }

    private enum ElementKind
    {
        Measurement,
        Key,
        TagValue,
        StringValue,
    }

    private readonly record struct Field(string Key, double Value, string? StringValue);
}

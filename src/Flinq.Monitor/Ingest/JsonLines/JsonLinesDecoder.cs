using System.Globalization;
using System.Text;
using System.Text.Json;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Ingest.JsonLines;

/// <summary>
/// Decodes newline-delimited JSON in the seed's two event shapes: metric events
/// <c>{"name": "cpu", "timestamp": 1571108814142, "fields": {"used": 1.5}, "tags": {"host": "a"}}</c> and log
/// events <c>{"type": "app", "timestamp": 1571108814142, "level": "ERROR", "message": "...", "tags": {...}}</c>.
/// </summary>
/// <remarks>
/// <para>A line with <c>fields</c> is a metric event: each numeric field becomes a <see cref="MetricPoint"/>
/// named <c>name_field</c> (kind <see cref="MetricKind.Unknown"/>), booleans count as 1/0, other field values
/// (strings, objects, arrays) are dropped with a reason, and tags become labels. A line with <c>message</c>
/// or <c>level</c> is a log event: the level word maps to a severity number (<see cref="Severity.NumberOf"/>),
/// tags <c>service</c> and <c>host</c> become <see cref="LogRecord.Service"/>/<see cref="LogRecord.Host"/>,
/// other tags and other top-level scalar properties (such as <c>type</c>) become attributes.</para>
/// <para><c>timestamp</c> is epoch milliseconds (a JSON integer or a decimal string); without one, the
/// decoder's clock time is used. Tag values may be strings, numbers or booleans. Each line is accepted or
/// rejected as a whole, with its line number and field. One instance per thread.</para>
/// </remarks>
public sealed class JsonLinesDecoder
{
    private readonly IngestOptions _options;
    private readonly NameTable _names = new();
    private readonly LabelsBuilder _labels = new();
    private readonly List<(string Key, double Value)> _fields = [];
    private readonly List<(string Key, string Value)> _extras = [];
    private readonly List<IngestError> _pendingDrops = [];

    /// <summary>Creates a decoder with the given (or default) options.</summary>
    public JsonLinesDecoder(IngestOptions? options = null)
    {
        _options = options ?? IngestOptions.Default;
        _options.Validate();
    }

    /// <summary>Decodes all lines, appending metric points to <paramref name="metrics"/> and log records to <paramref name="logs"/>.</summary>
    public IngestResult Decode(ReadOnlySpan<byte> body, List<MetricPoint> metrics, List<LogRecord> logs)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logs);
        if (body.IsEmpty)
        {
            return IngestResultBuilder.BodyFailure(new IngestError("the request body is empty; send one JSON object per line"));
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
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (line.Length > _options.MaxLineLength)
            {
                result.Reject(new IngestError($"the line is {line.Length} bytes long; the limit is {_options.MaxLineLength}", lineNumber));
                continue;
            }

            int invalid = Utf8Text.IndexOfInvalid(line);
            if (invalid >= 0)
            {
                result.Reject(new IngestError(Utf8Text.InvalidReason(line, invalid), lineNumber));
                continue;
            }

            int metricMark = metrics.Count;
            _pendingDrops.Clear();
            string? field = null;
            string? error;
            try
            {
                error = DecodeLine(line, lineNumber, window, metrics, logs, ref field);
            }
            catch (JsonException e)
            {
                error = $"malformed JSON at byte {e.BytePositionInLine}: {e.Message}";
            }

            if (error is not null)
            {
                metrics.RemoveRange(metricMark, metrics.Count - metricMark);
                result.Reject(new IngestError(error, lineNumber, Field: field));
            }
            else
            {
                result.Accept();
                foreach (var drop in _pendingDrops)
                {
                    result.Drop(drop);
                }
            }
        }

        return result.Build();
    }

    private string? DecodeLine(ReadOnlySpan<byte> line, int lineNumber, TimeWindow window, List<MetricPoint> metrics, List<LogRecord> logs, ref string? field)
    {
        var r = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 16 });
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return "the line is not a JSON object";
        }

        _labels.Reset();
        _fields.Clear();
        _extras.Clear();
        string? name = null, level = null, message = null;
        long? timestamp = null;
        bool hasFields = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string property = _names.Get(r.GetString()!);
            field = property;
            r.Read();
            switch (property)
            {
                case "name":
                    if (r.TokenType != JsonTokenType.String)
                    {
                        return "\"name\" must be a string";
                    }

                    name = r.GetString();
                    break;
                case "timestamp":
                    if (!TryReadTimestamp(ref r, out long ms))
                    {
                        return "\"timestamp\" must be integer epoch milliseconds";
                    }

                    timestamp = ms;
                    break;
                case "fields":
                    hasFields = true;
                    string? fieldsError = ReadFields(ref r, lineNumber, ref field);
                    if (fieldsError is not null)
                    {
                        return fieldsError;
                    }

                    break;
                case "tags":
                    string? tagsError = ReadTags(ref r, ref field);
                    if (tagsError is not null)
                    {
                        return tagsError;
                    }

                    break;
                case "level":
                    level = r.TokenType == JsonTokenType.String ? r.GetString() : null;
                    if (level is null)
                    {
                        return "\"level\" must be a string";
                    }

                    break;
                case "message":
                    message = r.TokenType == JsonTokenType.String ? r.GetString() : null;
                    if (message is null)
                    {
                        return "\"message\" must be a string";
                    }

                    break;
                default:
                    string? scalar = Scalar(ref r);
                    if (scalar is null)
                    {
                        r.Skip(); // nested objects and arrays outside fields/tags are ignored
                    }
                    else
                    {
                        _extras.Add((property, scalar));
                    }

                    break;
            }
        }

        field = null;
        if (r.TokenType != JsonTokenType.EndObject || r.Read())
        {
            return "unexpected data after the JSON object; put one object per line";
        }

        long time = timestamp ?? window.Now.Milliseconds;
        string? timeError = window.Check(time);
        if (timeError is not null)
        {
            field = "timestamp";
            return timeError;
        }

        if (hasFields)
        {
            return EmitMetric(name, new Timestamp(time), metrics, ref field);
        }

        if (message is not null || level is not null)
        {
            return EmitLog(level, message, new Timestamp(time), window, logs);
        }

        return "the line is neither a metric event (name, fields) nor a log event (message, level)";
    }

    private string? EmitMetric(string? name, Timestamp time, List<MetricPoint> metrics, ref string? field)
    {
        if (string.IsNullOrEmpty(name))
        {
            field = "name";
            return "a metric event needs a non-empty \"name\"";
        }

        if (_fields.Count == 0)
        {
            field = "fields";
            return "the metric event has no numeric field";
        }

        string? problem = LabelLimits.CheckSeries(_labels, _options);
        if (problem is not null || !_labels.TryBuild(out var labels, out problem))
        {
            field = "tags";
            return problem;
        }

        foreach (var (key, value) in _fields)
        {
            metrics.Add(new MetricPoint(MetricName(name, key), labels, time, value, MetricKind.Unknown));
        }

        return null;
    }

    private string? EmitLog(string? level, string? message, Timestamp time, TimeWindow window, List<LogRecord> logs)
    {
        string service = string.Empty, host = string.Empty;
        if (_labels.Count > 0)
        {
            foreach (var label in _labels.Items)
            {
                if (label.Name == "service")
                {
                    service = label.Value;
                }
                else if (label.Name == "host")
                {
                    host = label.Value;
                }
            }

            _labels.Remove("service");
            _labels.Remove("host");
        }

        foreach (var (key, value) in _extras)
        {
            _labels.Add(key, value);
        }

        string? problem = LabelLimits.CheckAttributes(_labels, _options);
        if (problem is not null || !_labels.TryBuild(out var attributes, out problem))
        {
            return problem;
        }

        logs.Add(new LogRecord
        {
            Timestamp = time,
            ObservedTimestamp = window.Now,
            SeverityNumber = level is null ? 0 : Severity.NumberOf(level),
            SeverityText = level ?? string.Empty,
            Body = message ?? string.Empty,
            Service = service,
            Host = host,
            Attributes = attributes,
        });
        return null;
    }

    private string MetricName(string name, string field)
    {
        int length = name.Length + 1 + field.Length;
        if (length > 512)
        {
            return _names.Get(name + "_" + field);
        }

        Span<char> buffer = stackalloc char[length];
        name.CopyTo(buffer);
        buffer[name.Length] = '_';
        field.CopyTo(buffer[(name.Length + 1)..]);
        return _names.Get(buffer);
    }

    private string? ReadFields(ref Utf8JsonReader r, int lineNumber, ref string? field)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return "\"fields\" must be an object";
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string key = _names.Get(r.GetString()!);
            field = "fields." + key;
            r.Read();
            switch (r.TokenType)
            {
                case JsonTokenType.Number:
                    if (!r.TryGetDouble(out double value) || !double.IsFinite(value))
                    {
                        return $"field \"{key}\" is out of the range of a 64-bit float";
                    }

                    _fields.Add((key, value));
                    break;
                case JsonTokenType.True:
                    _fields.Add((key, 1));
                    break;
                case JsonTokenType.False:
                    _fields.Add((key, 0));
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    _pendingDrops.Add(new IngestError($"field \"{key}\" is not a number or boolean, so it is not a metric value", lineNumber, Field: field));
                    r.Skip();
                    break;
            }
        }

        return null;
    }

    private string? ReadTags(ref Utf8JsonReader r, ref string? field)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            return "\"tags\" must be an object of strings";
        }

        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string key = _names.Get(r.GetString()!);
            field = "tags." + key;
            r.Read();
            if (r.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            string? value = Scalar(ref r);
            if (value is null)
            {
                return $"tag \"{key}\" must be a string, number or boolean";
            }

            _labels.Add(key, value);
        }

        return null;
    }

    private static string? Scalar(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String => r.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(r.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };

    private static bool TryReadTimestamp(ref Utf8JsonReader r, out long ms)
    {
        if (r.TokenType == JsonTokenType.Number)
        {
            return r.TryGetInt64(out ms);
        }

        ms = 0;
        return r.TokenType == JsonTokenType.String && !r.ValueIsEscaped
            && long.TryParse(r.ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ms);
    }
}

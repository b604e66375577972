using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf.Collections;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>
/// The mapping of OTLP attributes onto <see cref="Labels"/>: value rendering and the prefixing rules for
/// resource and scope attributes (documented in the Flinq.Monitor README).
/// </summary>
internal static class OtlpAttributes
{
    public const string ServiceName = "service.name";
    public const string HostName = "host.name";
    public const string ResourcePrefix = "resource.";
    public const string ScopeNameLabel = "otel.scope.name";
    public const string ScopeVersionLabel = "otel.scope.version";
    public const string ScopePrefix = "otel.scope.";

    /// <summary>The value of a resource attribute, or empty.</summary>
    public static string Find(RepeatedField<KeyValue>? attributes, string key)
    {
        if (attributes is null)
        {
            return string.Empty;
        }

        for (int i = attributes.Count - 1; i >= 0; i--)
        {
            if (string.Equals(attributes[i].Key, key, StringComparison.Ordinal))
            {
                return Render(attributes[i].Value);
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// Adds resource attributes: <c>service.name</c> and <c>host.name</c> as <c>service</c>/<c>host</c> when
    /// <paramref name="liftServiceAndHost"/>, all others (when <paramref name="includeOthers"/>) as
    /// <c>resource.&lt;key&gt;</c>.
    /// </summary>
    public static void AddResource(LabelsBuilder builder, Resource? resource, NameTable names, bool liftServiceAndHost, bool includeOthers)
    {
        if (resource is null)
        {
            return;
        }

        foreach (var kv in resource.Attributes)
        {
            if (string.Equals(kv.Key, ServiceName, StringComparison.Ordinal) || string.Equals(kv.Key, HostName, StringComparison.Ordinal))
            {
                if (liftServiceAndHost)
                {
                    builder.Set(kv.Key[0] == 's' ? "service" : "host", Render(kv.Value));
                }

                continue;
            }

            if (includeOthers)
            {
                builder.Set(Prefixed(names, ResourcePrefix, kv.Key), Render(kv.Value));
            }
        }
    }

    /// <summary>Adds the scope as <c>otel.scope.name</c>, <c>otel.scope.version</c> and <c>otel.scope.&lt;key&gt;</c>.</summary>
    public static void AddScope(LabelsBuilder builder, InstrumentationScope? scope, NameTable names)
    {
        if (scope is null)
        {
            return;
        }

        builder.Set(ScopeNameLabel, scope.Name);
        builder.Set(ScopeVersionLabel, scope.Version);
        foreach (var kv in scope.Attributes)
        {
            builder.Set(Prefixed(names, ScopePrefix, kv.Key), Render(kv.Value));
        }
    }

    /// <summary>Adds record or data point attributes as they are; they override resource and scope labels.</summary>
    public static void Add(LabelsBuilder builder, RepeatedField<KeyValue> attributes, NameTable names)
    {
        foreach (var kv in attributes)
        {
            builder.Set(names.Get(kv.Key), Render(kv.Value));
        }
    }

    private static string Prefixed(NameTable names, string prefix, string key)
    {
        int length = prefix.Length + key.Length;
        if (length > 256)
        {
            return names.Get(prefix + key);
        }

        Span<char> buffer = stackalloc char[length];
        prefix.CopyTo(buffer);
        key.CopyTo(buffer[prefix.Length..]);
        return names.Get(buffer);
    }

    /// <summary>
    /// An attribute value as text: strings as they are, booleans as true/false, integers and doubles in
    /// invariant culture (doubles round-trip), bytes as base64, arrays and key/value lists as JSON; an
    /// empty value as the empty string (which leaves the attribute out).
    /// </summary>
    public static string Render(AnyValue? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue:
                return value.StringValue;
            case AnyValue.ValueOneofCase.BoolValue:
                return value.BoolValue ? "true" : "false";
            case AnyValue.ValueOneofCase.IntValue:
                return value.IntValue.ToString(CultureInfo.InvariantCulture);
            case AnyValue.ValueOneofCase.DoubleValue:
                return value.DoubleValue.ToString("R", CultureInfo.InvariantCulture);
            case AnyValue.ValueOneofCase.BytesValue:
                return value.BytesValue.ToBase64();
            case AnyValue.ValueOneofCase.ArrayValue:
            case AnyValue.ValueOneofCase.KvlistValue:
                var buffer = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    WriteJson(writer, value);
                }

                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            default:
                return string.Empty;
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, AnyValue? value)
    {
        switch (value?.ValueCase ?? AnyValue.ValueOneofCase.None)
        {
            case AnyValue.ValueOneofCase.StringValue:
                writer.WriteStringValue(value!.StringValue);
                break;
            case AnyValue.ValueOneofCase.BoolValue:
                writer.WriteBooleanValue(value!.BoolValue);
                break;
            case AnyValue.ValueOneofCase.IntValue:
                writer.WriteNumberValue(value!.IntValue);
                break;
            case AnyValue.ValueOneofCase.DoubleValue:
                if (double.IsFinite(value!.DoubleValue))
                {
                    writer.WriteNumberValue(value.DoubleValue);
                }
                else
                {
                    writer.WriteStringValue(value.DoubleValue.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case AnyValue.ValueOneofCase.BytesValue:
                writer.WriteStringValue(value!.BytesValue.ToBase64());
                break;
            case AnyValue.ValueOneofCase.ArrayValue:
                writer.WriteStartArray();
                foreach (var item in value!.ArrayValue.Values)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                writer.WriteStartObject();
                foreach (var kv in value!.KvlistValue.Values)
                {
                    writer.WritePropertyName(kv.Key);
                    WriteJson(writer, kv.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>
    /// A bound or quantile as Prometheus' OTLP translator writes it (Go's <c>FormatFloat(v, 'f', -1, 64)</c>):
    /// the shortest round-trip digits in fixed notation, <c>+Inf</c>/<c>-Inf</c>/<c>NaN</c> for the specials.
    /// </summary>
    public static string FormatBound(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        string r = value.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }

        // Expand d.dddE±x into fixed notation.
        bool negative = r[0] == '-';
        string mantissa = r[(negative ? 1 : 0)..e];
        int exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointPos = (dot < 0 ? mantissa.Length : dot) + exponent;
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        if (pointPos <= 0)
        {
            sb.Append("0.").Append('0', -pointPos).Append(digits);
        }
        else if (pointPos >= digits.Length)
        {
            sb.Append(digits).Append('0', pointPos - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, pointPos).Append('.').Append(digits, pointPos, digits.Length - pointPos);
        }

        return sb.ToString();
    }
}

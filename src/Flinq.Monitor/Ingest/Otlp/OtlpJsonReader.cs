using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Flinq.Monitor.Ingest.Otlp.Proto;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Flinq.Monitor.Ingest.Otlp;

/// <summary>
/// Reads OTLP/JSON into the generated protobuf request messages, following the OTLP/JSON rules: field names
/// in lowerCamelCase (the original snake_case names are accepted too), trace and span ids as hex strings,
/// enums as integers, 64-bit integers as JSON numbers or decimal strings, doubles as numbers or the strings
/// "NaN"/"Infinity"/"-Infinity", <c>bytesValue</c> as base64, unknown fields ignored, <c>null</c> as absent.
/// </summary>
/// <remarks>
/// Google.Protobuf's own JSON parser would read ids as base64, so OTLP needs this reader. Any structural or
/// type error refuses the whole body with the byte offset and the JSON path of the offending value.
/// </remarks>
internal sealed partial class OtlpJsonReader
{
    private readonly List<(string Name, int Index)> _path = [];

    private delegate T ElementReader<T>(OtlpJsonReader self, ref Utf8JsonReader reader);

    public static bool TryReadMetrics(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ExportMetricsServiceRequest? request, [NotNullWhen(false)] out IngestError? error)
    {
        var self = new OtlpJsonReader();
        return self.TryRead(json, static (s, ref r) => s.ReadMetricsRequest(ref r), out request, out error);
    }

    public static bool TryReadLogs(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ExportLogsServiceRequest? request, [NotNullWhen(false)] out IngestError? error)
    {
        var self = new OtlpJsonReader();
        return self.TryRead(json, static (s, ref r) => s.ReadLogsRequest(ref r), out request, out error);
    }

    public static bool TryReadTraces(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ExportTraceServiceRequest? request, [NotNullWhen(false)] out IngestError? error)
    {
        var self = new OtlpJsonReader();
        return self.TryRead(json, static (s, ref r) => s.ReadTracesRequest(ref r), out request, out error);
    }

    private bool TryRead<T>(ReadOnlySpan<byte> json, ElementReader<T> read, [NotNullWhen(true)] out T? request, [NotNullWhen(false)] out IngestError? error)
        where T : class
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        try
        {
            if (!reader.Read())
            {
                throw new OtlpJsonException("the body holds no JSON value", 0);
            }

            request = read(this, ref reader);
            if (reader.Read())
            {
                throw new OtlpJsonException("unexpected data after the top-level object", reader.TokenStartIndex);
            }

            error = null;
            return true;
        }
        catch (OtlpJsonException e)
        {
            request = null;
            error = new IngestError("invalid OTLP/JSON: " + e.Message, Offset: e.Offset, Field: PathText());
            return false;
        }
        catch (JsonException e)
        {
            request = null;
            long offset = reader.BytesConsumed;
            error = new IngestError($"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {e.Message}", Offset: offset, Field: PathText());
            return false;
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports invalid UTF-8 inside strings this way when the string is read.
            request = null;
            error = new IngestError("invalid OTLP/JSON: " + e.Message, Offset: reader.TokenStartIndex, Field: PathText());
            return false;
        }
    }

    private string? PathText()
    {
        if (_path.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (var (name, index) in _path)
        {
            if (index >= 0)
            {
                sb.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(name);
            }
        }

        return sb.ToString();
    }

    // ---- structure helpers ----

    private static void ExpectObject(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw TypeError(ref r, "an object");
        }
    }

    /// <summary>
    /// Advances to the next property of the current object and onto its value. Returns false at the end of
    /// the object. Properties whose value is null are skipped.
    /// </summary>
    private bool NextProperty(ref Utf8JsonReader r, out ReadOnlySpan<byte> name)
    {
        while (true)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndObject)
            {
                name = default;
                return false;
            }

            name = r.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(r.ValueSequence) : r.ValueSpan;
            if (r.ValueIsEscaped)
            {
                name = Encoding.UTF8.GetBytes(r.GetString()!);
            }

            r.Read();
            if (r.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            return true;
        }
    }

    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> camel, ReadOnlySpan<byte> snake) =>
        name.SequenceEqual(camel) || name.SequenceEqual(snake);

    private void Enter(string name) => _path.Add((name, -1));

    private void Leave() => _path.RemoveAt(_path.Count - 1);

    private T Field<T>(ref Utf8JsonReader r, string name, ElementReader<T> read)
    {
        Enter(name);
        var value = read(this, ref r);
        Leave();
        return value;
    }

    private void Array<T>(ref Utf8JsonReader r, string name, RepeatedField<T> target, ElementReader<T> read)
    {
        Enter(name);
        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw TypeError(ref r, "an array");
        }

        int index = 0;
        while (true)
        {
            r.Read();
            if (r.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            _path.Add((name, index));
            target.Add(read(this, ref r));
            _path.RemoveAt(_path.Count - 1);
            index++;
        }

        Leave();
    }

    private static OtlpJsonException TypeError(ref Utf8JsonReader r, string expected) =>
        new($"expected {expected}, found {Describe(r.TokenType)}", r.TokenStartIndex);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    // ---- common messages ----

    private AnyValue ReadAnyValue(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var value = new AnyValue();
        while (NextProperty(ref r, out var name))
        {
            if (Is(name, "stringValue"u8, "string_value"u8))
            {
                value.StringValue = ReadString(ref r);
            }
            else if (Is(name, "boolValue"u8, "bool_value"u8))
            {
                value.BoolValue = ReadBool(ref r);
            }
            else if (Is(name, "intValue"u8, "int_value"u8))
            {
                value.IntValue = ReadInt64(ref r);
            }
            else if (Is(name, "doubleValue"u8, "double_value"u8))
            {
                value.DoubleValue = ReadDouble(ref r);
            }
            else if (Is(name, "bytesValue"u8, "bytes_value"u8))
            {
                string base64 = ReadString(ref r);
                try
                {
                    value.BytesValue = ByteString.FromBase64(base64);
                }
                catch (FormatException)
                {
                    throw new OtlpJsonException("bytesValue must be base64", r.TokenStartIndex);
                }
            }
            else if (Is(name, "arrayValue"u8, "array_value"u8))
            {
                var array = new ArrayValue();
                Enter("arrayValue");
                ExpectObject(ref r);
                while (NextProperty(ref r, out var inner))
                {
                    if (inner.SequenceEqual("values"u8))
                    {
                        Array(ref r, "values", array.Values, static (s, ref x) => s.ReadAnyValue(ref x));
                    }
                    else
                    {
                        r.Skip();
                    }
                }

                Leave();
                value.ArrayValue = array;
            }
            else if (Is(name, "kvlistValue"u8, "kvlist_value"u8))
            {
                var list = new KeyValueList();
                Enter("kvlistValue");
                ExpectObject(ref r);
                while (NextProperty(ref r, out var inner))
                {
                    if (inner.SequenceEqual("values"u8))
                    {
                        Array(ref r, "values", list.Values, static (s, ref x) => s.ReadKeyValue(ref x));
                    }
                    else
                    {
                        r.Skip();
                    }
                }

                Leave();
                value.KvlistValue = list;
            }
            else
            {
                r.Skip();
            }
        }

        return value;
    }

    private KeyValue ReadKeyValue(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var kv = new KeyValue();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("key"u8))
            {
                kv.Key = ReadString(ref r);
            }
            else if (name.SequenceEqual("value"u8))
            {
                kv.Value = Field(ref r, "value", static (s, ref x) => s.ReadAnyValue(ref x));
            }
            else
            {
                r.Skip();
            }
        }

        return kv;
    }

    private void ReadAttributes(ref Utf8JsonReader r, string name, RepeatedField<KeyValue> target) =>
        Array(ref r, name, target, static (s, ref x) => s.ReadKeyValue(ref x));

    private Resource ReadResource(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var resource = new Resource();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("attributes"u8))
            {
                ReadAttributes(ref r, "attributes", resource.Attributes);
            }
            else if (Is(name, "droppedAttributesCount"u8, "dropped_attributes_count"u8))
            {
                resource.DroppedAttributesCount = ReadUInt32(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        return resource;
    }

    private InstrumentationScope ReadScope(ref Utf8JsonReader r)
    {
        ExpectObject(ref r);
        var scope = new InstrumentationScope();
        while (NextProperty(ref r, out var name))
        {
            if (name.SequenceEqual("name"u8))
            {
                scope.Name = ReadString(ref r);
            }
            else if (name.SequenceEqual("version"u8))
            {
                scope.Version = ReadString(ref r);
            }
            else if (name.SequenceEqual("attributes"u8))
            {
                ReadAttributes(ref r, "attributes", scope.Attributes);
            }
            else if (Is(name, "droppedAttributesCount"u8, "dropped_attributes_count"u8))
            {
                scope.DroppedAttributesCount = ReadUInt32(ref r);
            }
            else
            {
                r.Skip();
            }
        }

        return scope;
    }

    private sealed class OtlpJsonException(string message, long offset) : Exception(message)
    {
        public long Offset { get; } = offset;
    }
}

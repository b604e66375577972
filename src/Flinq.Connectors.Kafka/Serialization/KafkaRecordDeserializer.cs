using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Flinq.Connectors.Kafka.Serialization;

/// <summary>Ready-made <see cref="IKafkaRecordDeserializer{T}"/>s for record values.</summary>
public static class KafkaRecordDeserializer
{
    /// <summary>The value as UTF-8 text; a null value is an error (a bad record).</summary>
    public static IKafkaRecordDeserializer<string> String() => StringValue.Instance;

    /// <summary>The value's raw bytes; a null value is an error (a bad record).</summary>
    public static IKafkaRecordDeserializer<byte[]> Bytes() => BytesValue.Instance;

    /// <summary>The value as JSON into <typeparamref name="T"/> (System.Text.Json, web defaults unless <paramref name="options"/> given).</summary>
    public static IKafkaRecordDeserializer<T> Json<T>(JsonSerializerOptions? options = null) => new JsonValue<T>(options ?? JsonSerializerOptions.Web);

    /// <summary>A deserializer from a function of the whole record.</summary>
    public static IKafkaRecordDeserializer<T> Create<T>(Func<ConsumeResult<byte[]?, byte[]?>, T> deserialize)
    {
        ArgumentNullException.ThrowIfNull(deserialize);
        return new FromFunction<T>(deserialize);
    }

    private static byte[] RequireValue(ConsumeResult<byte[]?, byte[]?> record) =>
        record.Message.Value ?? throw new InvalidDataException("The record has a null value (a tombstone).");

    private sealed class StringValue : IKafkaRecordDeserializer<string>
    {
        public static readonly StringValue Instance = new();

        public string Deserialize(ConsumeResult<byte[]?, byte[]?> record) => Encoding.UTF8.GetString(RequireValue(record));
    }

    private sealed class BytesValue : IKafkaRecordDeserializer<byte[]>
    {
        public static readonly BytesValue Instance = new();

        public byte[] Deserialize(ConsumeResult<byte[]?, byte[]?> record) => RequireValue(record);
    }

    private sealed class JsonValue<T>(JsonSerializerOptions options) : IKafkaRecordDeserializer<T>
    {
        public T Deserialize(ConsumeResult<byte[]?, byte[]?> record) =>
            JsonSerializer.Deserialize<T>(RequireValue(record), options)
            ?? throw new InvalidDataException($"The JSON value is null; expected a {typeof(T).Name}.");
    }

    private sealed class FromFunction<T>(Func<ConsumeResult<byte[]?, byte[]?>, T> deserialize) : IKafkaRecordDeserializer<T>
    {
        public T Deserialize(ConsumeResult<byte[]?, byte[]?> record) => deserialize(record);
    }
}

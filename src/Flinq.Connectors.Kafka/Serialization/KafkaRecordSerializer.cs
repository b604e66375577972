using System.Text;
using System.Text.Json;
using Flinq.Time;

namespace Flinq.Connectors.Kafka.Serialization;

/// <summary>
/// Ready-made <see cref="IKafkaRecordSerializer{T}"/>s writing to one topic. The record's timestamp is the element's
/// event timestamp when it has one (as Flink's KafkaSink does), else the producer's clock.
/// </summary>
public static class KafkaRecordSerializer
{
    /// <summary>Writes the element as UTF-8 text, keyed by <paramref name="key"/> (UTF-8) when given.</summary>
    public static IKafkaRecordSerializer<string> String(string topic, Func<string, string?>? key = null) =>
        Create<string>(topic, Encoding.UTF8.GetBytes, key is null ? null : e => Utf8OrNull(key(e)));

    /// <summary>Writes the element's bytes as the value, without a key.</summary>
    public static IKafkaRecordSerializer<byte[]> Bytes(string topic) => Create<byte[]>(topic, e => e);

    /// <summary>Writes the element as JSON (System.Text.Json, web defaults unless <paramref name="options"/> given), keyed by <paramref name="key"/> when given.</summary>
    public static IKafkaRecordSerializer<T> Json<T>(string topic, Func<T, string?>? key = null, JsonSerializerOptions? options = null)
    {
        var json = options ?? JsonSerializerOptions.Web;
        return Create<T>(topic, e => JsonSerializer.SerializeToUtf8Bytes(e, json), key is null ? null : e => Utf8OrNull(key(e)));
    }

    /// <summary>Writes <paramref name="value"/>(element) keyed by <paramref name="key"/>(element), to <paramref name="partition"/>(element) when given.</summary>
    public static IKafkaRecordSerializer<T> Create<T>(string topic, Func<T, byte[]?> value, Func<T, byte[]?>? key = null, Func<T, int>? partition = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(value);
        return new Functions<T>(topic, value, key, partition);
    }

    private static byte[]? Utf8OrNull(string? text) => text is null ? null : Encoding.UTF8.GetBytes(text);

    private sealed class Functions<T>(string topic, Func<T, byte[]?> value, Func<T, byte[]?>? key, Func<T, int>? partition) : IKafkaRecordSerializer<T>
    {
        public KafkaProducerRecord Serialize(T element, Timestamp timestamp) => new(topic, key?.Invoke(element), value(element))
        {
            Partition = partition?.Invoke(element),
            TimestampMs = !timestamp.HasValue ? null : timestamp.Milliseconds,
        };
    }
}

using System.Text.RegularExpressions;
using Flinq.Connectors.Kafka.Serialization;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>The checked settings of a <see cref="KafkaSource{T}"/>.</summary>
internal sealed record KafkaSourceSettings<T>(
    string BootstrapServers,
    string[]? Topics,
    Regex? TopicPattern,
    string? GroupId,
    OffsetsInitializer Starting,
    OffsetsInitializer? Stopping,
    IKafkaRecordDeserializer<T> Deserializer,
    OutputTag<KafkaBadRecord>? BadRecords,
    TimeSpan DiscoveryInterval,
    TimeSpan? CommitInterval,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>How long one metadata or offset request may take before the reader fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the source reads <paramref name="topic"/>; a pattern must match the whole name (as Java's <c>Matcher.matches</c>).</summary>
    public bool IsSubscribed(string topic) =>
        TopicPattern is { } pattern ? pattern.IsMatch(topic) : Array.IndexOf(Topics!, topic) >= 0;
}

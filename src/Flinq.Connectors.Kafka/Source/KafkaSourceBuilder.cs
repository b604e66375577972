using System.Text.RegularExpressions;
using Flinq.Connectors.Kafka.Serialization;

namespace Flinq.Connectors.Kafka.Source;

/// <summary>
/// Configures a <see cref="KafkaSource{T}"/> (Flink's <c>KafkaSourceBuilder</c>). Required: bootstrap servers,
/// topics or a topic pattern, a deserializer. Defaults: start at the earliest offsets, unbounded, partition
/// discovery every 5 minutes (Flink's default since FLIP-288), no offset commits.
/// </summary>
public sealed class KafkaSourceBuilder<T>
{
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private string? _bootstrapServers;
    private string[]? _topics;
    private Regex? _topicPattern;
    private string? _groupId;
    private OffsetsInitializer _starting = OffsetsInitializer.Earliest();
    private OffsetsInitializer? _stopping;
    private IKafkaRecordDeserializer<T>? _deserializer;
    private OutputTag<KafkaBadRecord>? _badRecords;
    private TimeSpan _discoveryInterval = TimeSpan.FromMinutes(5);
    private TimeSpan? _commitInterval;

    internal KafkaSourceBuilder()
    {
    }

    /// <summary>The brokers to bootstrap from ("host:port,...").</summary>
    public KafkaSourceBuilder<T> SetBootstrapServers(string bootstrapServers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        _bootstrapServers = bootstrapServers;
        return this;
    }

    /// <summary>Reads these topics (all their partitions, including ones added later).</summary>
    public KafkaSourceBuilder<T> SetTopics(params string[] topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentOutOfRangeException.ThrowIfZero(topics.Length, nameof(topics));
        _topics = topics;
        _topicPattern = null;
        return this;
    }

    /// <summary>Reads every topic whose whole name matches <paramref name="pattern"/>, including topics created later (found by partition discovery).</summary>
    public KafkaSourceBuilder<T> SetTopicPattern(Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _topicPattern = new Regex($"^(?:{pattern})$", pattern.Options, pattern.MatchTimeout);
        _topics = null;
        return this;
    }

    /// <summary>The consumer group id: needed for <see cref="OffsetsInitializer.Committed"/> and offset commits. Partitions are still assigned by Flinq, not by the group.</summary>
    public KafkaSourceBuilder<T> SetGroupId(string groupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        _groupId = groupId;
        return this;
    }

    /// <summary>Where reading starts for partitions known at start (default earliest). Partitions discovered later start at their earliest offset, as in Flink.</summary>
    public KafkaSourceBuilder<T> SetStartingOffsets(OffsetsInitializer offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        _starting = offsets;
        return this;
    }

    /// <summary>
    /// Makes the source bounded: each partition is read up to the offset <paramref name="stoppingOffsets"/> gives when
    /// the reader takes it (exclusive), then the source ends. Partitions are discovered once, at start.
    /// </summary>
    public KafkaSourceBuilder<T> SetBounded(OffsetsInitializer stoppingOffsets)
    {
        ArgumentNullException.ThrowIfNull(stoppingOffsets);
        _stopping = stoppingOffsets;
        return this;
    }

    /// <summary>How records become elements.</summary>
    public KafkaSourceBuilder<T> SetDeserializer(IKafkaRecordDeserializer<T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(deserializer);
        _deserializer = deserializer;
        return this;
    }

    /// <summary>Sends records the deserializer rejects to this side output instead of failing the job.</summary>
    public KafkaSourceBuilder<T> SetBadRecordOutput(OutputTag<KafkaBadRecord> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _badRecords = tag;
        return this;
    }

    /// <summary>How often an unbounded source looks for new partitions and (with a pattern) new topics; <see cref="TimeSpan.Zero"/> disables it.</summary>
    public KafkaSourceBuilder<T> SetPartitionDiscoveryInterval(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        _discoveryInterval = interval;
        return this;
    }

    /// <summary>
    /// Commits the emitted positions to Kafka under the group id every <paramref name="interval"/> and when a reader
    /// ends, so Kafka tools show the job's progress. For monitoring only: the source never reads them back unless
    /// started with <see cref="OffsetsInitializer.Committed"/>. (With checkpoints, commits will follow completed checkpoints.)
    /// </summary>
    public KafkaSourceBuilder<T> SetCommitOffsets(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _commitInterval = interval;
        return this;
    }

    /// <summary>Sets a librdkafka consumer property (for example <c>fetch.max.bytes</c>, <c>security.protocol</c>).</summary>
    public KafkaSourceBuilder<T> SetProperty(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _properties[key] = value;
        return this;
    }

    /// <summary>Checks the settings and builds the source.</summary>
    /// <exception cref="InvalidOperationException">A required setting is missing or settings conflict; the message says which.</exception>
    public KafkaSource<T> Build()
    {
        if (_bootstrapServers is null)
        {
            throw new InvalidOperationException("Set the bootstrap servers with SetBootstrapServers(\"host:port\").");
        }

        if (_topics is null && _topicPattern is null)
        {
            throw new InvalidOperationException("Set what to read with SetTopics(...) or SetTopicPattern(regex).");
        }

        if (_deserializer is null)
        {
            throw new InvalidOperationException("Set a deserializer with SetDeserializer(KafkaRecordDeserializer.String()) or your own IKafkaRecordDeserializer<T>.");
        }

        if (_groupId is null && (_starting.RequiresGroupId || _stopping?.RequiresGroupId == true || _commitInterval is not null))
        {
            throw new InvalidOperationException("Committed offsets and offset commits need a consumer group: call SetGroupId(\"...\").");
        }

        return new KafkaSource<T>(new KafkaSourceSettings<T>(
            _bootstrapServers, _topics, _topicPattern, _groupId, _starting, _stopping, _deserializer, _badRecords,
            _discoveryInterval, _commitInterval, new Dictionary<string, string>(_properties, StringComparer.Ordinal)));
    }
}

using System.Runtime.InteropServices;

namespace Flinq.Connectors.Kafka.Testing;

/// <summary>
/// An in-process Kafka cluster for tests and examples: librdkafka's mock cluster, which speaks the Kafka protocol
/// on real TCP ports of 127.0.0.1, so any Kafka client (Confluent.Kafka, kcat, a Flinq job) talks to it as to a
/// broker. It keeps records in memory; supports produce/fetch, consumer groups, committed offsets, idempotent
/// and transactional producers. Topics must be created with <see cref="CreateTopic"/> (the mock does not
/// implement the CreateTopics admin request) and cannot gain partitions later.
/// </summary>
/// <example><code>
/// await using var cluster = MockCluster.Start(brokers: 3);
/// cluster.CreateTopic("events", partitions: 4);
/// var config = new ProducerConfig { BootstrapServers = cluster.BootstrapServers };
/// </code></example>
public sealed class MockCluster : IDisposable, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    private MockCluster(IntPtr handle, IntPtr cluster, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(MockNative.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster returned no bootstrap servers.");
    }

    /// <summary>The brokers' addresses, "127.0.0.1:port,...", for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The number of brokers (ids 1..Brokers).</summary>
    public int Brokers { get; }

    /// <summary>
    /// Starts a cluster of <paramref name="brokers"/> brokers on free ports of 127.0.0.1. Consumer groups form after
    /// 100 ms instead of Kafka's default 3 s (group.initial.rebalance.delay.ms).
    /// </summary>
    public static MockCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(brokers);
        MockNative.EnsureBound();
        var errors = new byte[512];
        IntPtr conf = MockNative.rd_kafka_conf_new();
        // The mock's owner client has no bootstrap servers of its own; keep it from logging that it cannot connect.
        if (MockNative.rd_kafka_conf_set(conf, "log_level", "3", errors, (UIntPtr)errors.Length) != 0)
        {
            MockNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"Cannot configure the mock cluster's client: {MockNative.Text(errors)}");
        }

        IntPtr handle = MockNative.rd_kafka_new(0, conf, errors, (UIntPtr)errors.Length);
        if (handle == IntPtr.Zero)
        {
            MockNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"Cannot create the client that hosts the mock cluster: {MockNative.Text(errors)}");
        }

        IntPtr cluster = MockNative.rd_kafka_mock_cluster_new(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            MockNative.rd_kafka_destroy(handle);
            throw new InvalidOperationException($"librdkafka could not start a mock cluster of {brokers} brokers (see its log on stderr).");
        }

        MockNative.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 100);
        return new MockCluster(handle, cluster, brokers);
    }

    /// <summary>
    /// Creates a topic. The replication factor defaults to min(3, <see cref="Brokers"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The mock refused (for example the topic exists).</exception>
    public void CreateTopic(string topic, int partitions = 1, int? replicationFactor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        int replication = replicationFactor ?? Math.Min(3, Brokers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replication, nameof(replicationFactor));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replication, Brokers, nameof(replicationFactor));
        int error = MockNative.rd_kafka_mock_topic_create(Cluster(), topic, partitions, replication);
        if (error != 0)
        {
            throw new InvalidOperationException($"Cannot create topic '{topic}' ({partitions} partitions, replication {replication}): {MockNative.ErrorText(error)}");
        }
    }

    /// <summary>Moves the leadership of a partition to broker <paramref name="brokerId"/> (1-based).</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(MockNative.rd_kafka_mock_partition_set_leader(Cluster(), topic, partition, brokerId), $"set the leader of {topic}[{partition}] to broker {brokerId}");

    /// <summary>Takes broker <paramref name="brokerId"/> down (its connections close and it refuses new ones).</summary>
    public void SetBrokerDown(int brokerId) => Check(MockNative.rd_kafka_mock_broker_set_down(Cluster(), brokerId), $"take broker {brokerId} down");

    /// <summary>Brings broker <paramref name="brokerId"/> back up.</summary>
    public void SetBrokerUp(int brokerId) => Check(MockNative.rd_kafka_mock_broker_set_up(Cluster(), brokerId), $"bring broker {brokerId} up");

    /// <summary>Destroys the mock cluster, then the client hosting it. Clients still connected see the brokers go away.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_cluster != IntPtr.Zero)
            {
                MockNative.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                MockNative.rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private IntPtr Cluster()
    {
        ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
        return _cluster;
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster could not {what}: {MockNative.ErrorText(error)}");
        }
    }
}

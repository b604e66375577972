using Flinq.Operators;
using Flinq.Runtime.KeyGroups;
using Flinq.Runtime.Tasks;

namespace Flinq.Runtime.Exchange;

/// <summary>
/// Decides which consumer subtask gets each record of an exchange (Flink's <c>StreamPartitioner</c>).
/// A partitioner in the job graph is a template; each producer subtask gets its own copy from
/// <see cref="CreateInstance"/>, since some (round robin) keep state.
/// </summary>
internal abstract class StreamPartitioner<T> : StreamPartitioner
{
    public abstract int SelectChannel(T value, int channelCount);

    public virtual StreamPartitioner<T> CreateInstance(int producerIndex) => this;

    public override object CreateChannel(int capacity, int batchSize, TaskWakeup consumerWakeup, CancellationToken cancellation) =>
        new ExchangeChannel<T>(capacity, batchSize, consumerWakeup, cancellation);

    public override IOutputFlusher CreateWriter(IReadOnlyList<object> channels, int producerIndex, TaskIOMetrics metrics)
    {
        var typed = new ExchangeChannel<T>[channels.Count];
        for (int i = 0; i < typed.Length; i++)
        {
            typed[i] = (ExchangeChannel<T>)channels[i];
        }

        return new ExchangeWriter<T>(typed, CreateInstance(producerIndex), metrics);
    }

    public override InputChannelReader CreateReader(object channel, object target, WatermarkValve valve, int channelIndex) =>
        new InputChannelReader<T>((ExchangeChannel<T>)channel, (Input<T>)target, valve, channelIndex);

    public override object CombineOutputs(IReadOnlyList<object> targets)
    {
        if (targets.Count == 1)
        {
            return targets[0];
        }

        var typed = new Input<T>[targets.Count];
        for (int i = 0; i < typed.Length; i++)
        {
            typed[i] = (Input<T>)targets[i];
        }

        return new BroadcastingOutput<T>(typed);
    }

    public override void RegisterSideOutput(OperatorContext context, object tag, object consumer) =>
        context.AddSideOutput((OutputTag<T>)tag, (Input<T>)consumer);
}

/// <summary>
/// The type-free face of a partitioner. Because a partitioner is typed by the records on its edge, it is also
/// where the job runner, which sees edges without their types, creates that edge's typed channels, writers and
/// readers.
/// </summary>
internal abstract class StreamPartitioner
{
    /// <summary>The strategy's name in the execution plan (FORWARD, HASH, REBALANCE, ...).</summary>
    public abstract string ShipStrategy { get; }

    /// <summary>Whether every record goes to every consumer.</summary>
    public virtual bool IsBroadcast => false;

    /// <summary>Whether producer i sends only to consumer i (equal parallelism required).</summary>
    public virtual bool IsPointwise => false;

    /// <summary>Whether the consumer sees records grouped by key (keyed state and timers are allowed).</summary>
    public virtual bool IsKeyed => false;

    public abstract object CreateChannel(int capacity, int batchSize, TaskWakeup consumerWakeup, CancellationToken cancellation);

    public abstract IOutputFlusher CreateWriter(IReadOnlyList<object> channels, int producerIndex, TaskIOMetrics metrics);

    public abstract InputChannelReader CreateReader(object channel, object target, WatermarkValve valve, int channelIndex);

    /// <summary>One output for all consumers of an edge group: the consumer itself, or a fan-out.</summary>
    public abstract object CombineOutputs(IReadOnlyList<object> targets);

    public abstract void RegisterSideOutput(OperatorContext context, object tag, object consumer);
}

/// <summary>Producer i to consumer i; the default between operators of equal parallelism, and what allows chaining.</summary>
internal sealed class ForwardPartitioner<T> : StreamPartitioner<T>
{
    public ForwardPartitioner(bool isExplicit) => IsExplicit = isExplicit;

    public bool IsExplicit { get; }

    public override string ShipStrategy => "FORWARD";

    public override bool IsPointwise => true;

    public override int SelectChannel(T value, int channelCount) => 0;
}

/// <summary>Round robin over all consumers, starting at a producer-specific channel (Flink's <c>rebalance()</c>).</summary>
internal sealed class RebalancePartitioner<T> : StreamPartitioner<T>
{
    private int _next = -1;

    public override string ShipStrategy => "REBALANCE";

    public override int SelectChannel(T value, int channelCount)
    {
        int next = _next + 1;
        if (next >= channelCount)
        {
            next = 0;
        }

        _next = next;
        return next;
    }

    public override StreamPartitioner<T> CreateInstance(int producerIndex) => new RebalancePartitioner<T> { _next = producerIndex - 1 };
}

/// <summary>A uniformly random consumer per record (Flink's <c>shuffle()</c>).</summary>
internal sealed class ShufflePartitioner<T> : StreamPartitioner<T>
{
    private readonly Random _random;

    public ShufflePartitioner()
        : this(new Random())
    {
    }

    private ShufflePartitioner(Random random) => _random = random;

    public override string ShipStrategy => "SHUFFLE";

    public override int SelectChannel(T value, int channelCount) => _random.Next(channelCount);

    public override StreamPartitioner<T> CreateInstance(int producerIndex) => new ShufflePartitioner<T>(new Random());
}

/// <summary>Every record to every consumer (Flink's <c>broadcast()</c>).</summary>
internal sealed class BroadcastPartitioner<T> : StreamPartitioner<T>
{
    public override string ShipStrategy => "BROADCAST";

    public override bool IsBroadcast => true;

    public override int SelectChannel(T value, int channelCount) => -1;
}

/// <summary>By key group: all records of a key go to the one consumer that owns its key group (<c>keyBy</c>).</summary>
internal sealed class KeyGroupPartitioner<T, TKey> : StreamPartitioner<T>
    where TKey : notnull
{
    private readonly Func<T, TKey> _keySelector;
    private readonly int _maxParallelism;

    public KeyGroupPartitioner(Func<T, TKey> keySelector, int maxParallelism)
    {
        _keySelector = keySelector;
        _maxParallelism = maxParallelism;
    }

    public override string ShipStrategy => "HASH";

    public override bool IsKeyed => true;

    public override int SelectChannel(T value, int channelCount) =>
        KeyGroupRangeAssignment.AssignKeyToParallelOperator(_keySelector(value), _maxParallelism, channelCount);
}

/// <summary>A user function picks the consumer from a key (Flink's <c>partitionCustom</c>).</summary>
internal sealed class CustomPartitioner<T, TKey> : StreamPartitioner<T>
{
    private readonly Func<TKey, int, int> _partitioner;
    private readonly Func<T, TKey> _keySelector;

    public CustomPartitioner(Func<TKey, int, int> partitioner, Func<T, TKey> keySelector)
    {
        _partitioner = partitioner;
        _keySelector = keySelector;
    }

    public override string ShipStrategy => "CUSTOM";

    public override int SelectChannel(T value, int channelCount)
    {
        int channel = _partitioner(_keySelector(value), channelCount);
        if ((uint)channel >= (uint)channelCount)
        {
            throw new InvalidOperationException($"The custom partitioner returned {channel}; it must return a value from 0 to {channelCount - 1}.");
        }

        return channel;
    }
}

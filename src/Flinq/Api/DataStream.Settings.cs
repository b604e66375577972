using Flinq.Runtime.Exchange;
using Flinq.Runtime.Graph;

namespace Flinq;

public partial class DataStream<T>
{
    /// <summary>Sets the operator's name, shown in the execution plan, metrics and errors.</summary>
    public DataStream<T> Name(string name)
    {
        RequirePhysical("Name");
        Transformation.Name = name;
        return this;
    }

    /// <summary>
    /// Sets the operator's stable id: the name its state is stored under in checkpoints and savepoints, which
    /// must not change while the job evolves.
    /// </summary>
    public DataStream<T> Uid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        RequirePhysical("Uid");
        Transformation.Uid = uid;
        return this;
    }

    /// <summary>Sets the operator's parallelism (number of parallel instances).</summary>
    public DataStream<T> SetParallelism(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        RequirePhysical("SetParallelism");
        if (Transformation.MaxParallelism is { } max && parallelism > max)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, $"'{Transformation.Name}' supports parallelism {max} at most.");
        }

        Transformation.Parallelism = parallelism;
        return this;
    }

    /// <summary>Runs this operator in a task of its own, never chained to its neighbours.</summary>
    public DataStream<T> DisableChaining()
    {
        RequirePhysical("DisableChaining");
        Transformation.Chaining = ChainingStrategy.Never;
        return this;
    }

    /// <summary>Starts a new chain at this operator; operators after it may still chain to it.</summary>
    public DataStream<T> StartNewChain()
    {
        RequirePhysical("StartNewChain");
        Transformation.Chaining = ChainingStrategy.Head;
        return this;
    }

    /// <summary>Sends records round robin to all instances of the next operator (evens out skew).</summary>
    public DataStream<T> Rebalance() => Partition(new RebalancePartitioner<T>());

    /// <summary>Sends every record to every instance of the next operator.</summary>
    public DataStream<T> Broadcast() => Partition(new BroadcastPartitioner<T>());

    /// <summary>Sends records of instance i to instance i of the next operator; needs equal parallelism.</summary>
    public DataStream<T> Forward() => Partition(new ForwardPartitioner<T>(isExplicit: true));

    /// <summary>Sends each record to a random instance of the next operator.</summary>
    public DataStream<T> Shuffle() => Partition(new ShufflePartitioner<T>());

    /// <summary>
    /// Sends each record to the instance <paramref name="partitioner"/> picks for its key: it gets the key and
    /// the number of instances and returns an index from 0 to that number - 1.
    /// </summary>
    public DataStream<T> PartitionCustom<TKey>(Func<TKey, int, int> partitioner, Func<T, TKey> keySelector)
    {
        ArgumentNullException.ThrowIfNull(partitioner);
        ArgumentNullException.ThrowIfNull(keySelector);
        return Partition(new CustomPartitioner<T, TKey>(partitioner, keySelector));
    }

    private DataStream<T> Partition(StreamPartitioner<T> partitioner) =>
        new(Environment, Register(new PartitionTransformation<T>(Transformation, partitioner)));
}

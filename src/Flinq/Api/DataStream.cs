using Flinq.Connectors;
using Flinq.Connectors.Sinks;
using Flinq.Functions;
using Flinq.Operators;
using Flinq.Runtime.Exchange;
using Flinq.Runtime.Graph;

namespace Flinq;

/// <summary>
/// A stream of records of type <typeparamref name="T"/> (Flink's <c>DataStream</c>). Every method adds to the
/// job and returns the new stream; nothing runs until <see cref="StreamExecutionEnvironment.ExecuteAsync(string, CancellationToken)"/>.
/// Records are passed between chained operators by reference: do not mutate a record after emitting it.
/// </summary>
public partial class DataStream<T>
{
    internal DataStream(StreamExecutionEnvironment environment, Transformation<T> transformation)
    {
        Environment = environment;
        Transformation = transformation;
    }

    /// <summary>The environment the stream belongs to.</summary>
    public StreamExecutionEnvironment Environment { get; }

    internal Transformation<T> Transformation { get; }

    /// <summary>Applies <paramref name="mapper"/> to every record.</summary>
    public DataStream<TOut> Map<TOut>(Func<T, TOut> mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return Transform("Map", () => new MapOperator<T, TOut>(mapper));
    }

    /// <summary>Keeps the records for which <paramref name="predicate"/> returns true.</summary>
    public DataStream<T> Filter(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Transform("Filter", () => new FilterOperator<T>(predicate));
    }

    /// <summary>Emits zero or more records per record through the collector (allocation-free).</summary>
    public DataStream<TOut> FlatMap<TOut>(Action<T, ICollector<TOut>> flatMapper)
    {
        ArgumentNullException.ThrowIfNull(flatMapper);
        return Transform("FlatMap", () => new FlatMapOperator<T, TOut>(flatMapper));
    }

    /// <summary>Emits the records of the sequence returned for each record.</summary>
    public DataStream<TOut> FlatMap<TOut>(Func<T, IEnumerable<TOut>> flatMapper)
    {
        ArgumentNullException.ThrowIfNull(flatMapper);
        return FlatMap<TOut>((value, output) =>
        {
            foreach (var item in flatMapper(value))
            {
                output.Collect(item);
            }
        });
    }

    /// <summary>Runs a <see cref="ProcessFunction{TIn, TOut}"/>: timestamps, side outputs, processing time.</summary>
    public DataStream<TOut> Process<TOut>(ProcessFunction<T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Transform("Process", () => new ProcessOperator<T, TOut>(function.CopyForInstance<ProcessFunction<T, TOut>>()));
    }

    /// <summary>
    /// Partitions the stream by key: every record with the same key goes to the same parallel instance, in
    /// order. Keys are hashed into <see cref="StreamExecutionOptions.MaxParallelism"/> key groups.
    /// </summary>
    public KeyedStream<TKey, T> KeyBy<TKey>(Func<T, TKey> keySelector)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        var partitioner = new KeyGroupPartitioner<T, TKey>(keySelector, Environment.Options.MaxParallelism);
        return new KeyedStream<TKey, T>(Environment, Register(new PartitionTransformation<T>(Transformation, partitioner)), keySelector);
    }

    /// <summary>Merges streams of the same type into one; records of each input keep their relative order.</summary>
    public DataStream<T> Union(params DataStream<T>[] others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var inputs = new List<Transformation<T>> { Transformation };
        foreach (var other in others)
        {
            if (other.Environment != Environment)
            {
                throw new ArgumentException("Streams from different environments cannot be combined.", nameof(others));
            }

            inputs.Add(other.Transformation);
        }

        return new DataStream<T>(Environment, Register(new UnionTransformation<T>(inputs)));
    }

    /// <summary>Connects two streams (possibly of different types) for a co-process function with shared state.</summary>
    public ConnectedStreams<T, T2> Connect<T2>(DataStream<T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Environment != Environment)
        {
            throw new ArgumentException("Streams from different environments cannot be connected.", nameof(other));
        }

        return new ConnectedStreams<T, T2>(this, other);
    }

    /// <summary>The records this operator emitted to the side output <paramref name="tag"/>.</summary>
    public DataStream<TSide> GetSideOutput<TSide>(OutputTag<TSide> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        RequirePhysical("GetSideOutput");
        return new DataStream<TSide>(Environment, Register(new SideOutputTransformation<TSide>(Transformation, tag)));
    }

    /// <summary>Writes every record to <paramref name="sink"/>.</summary>
    public DataStreamSink<T> SinkTo(Sink<T> sink, string name = "Sink")
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new DataStreamSink<T>(Register(new SinkTransformation<T>(name, Transformation, sink)));
    }

    /// <summary>Prints every record to standard output, prefixed by the instance number when parallel (as Flink does).</summary>
    public DataStreamSink<T> Print(string? prefix = null) => SinkTo(new PrintSink<T>(prefix), "Print to Std. Out");

    /// <summary>
    /// Writes every record as a line of text (its <c>ToString()</c>, or <paramref name="format"/>) to
    /// <paramref name="path"/>; at parallelism above one, <paramref name="path"/> is a directory of part files.
    /// </summary>
    public DataStreamSink<T> WriteAsText(string path, Func<T, string>? format = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return SinkTo(new TextFileSink<T>(path, format), "Text File Sink: " + Path.GetFileName(path));
    }

    internal DataStream<TOut> Transform<TOut>(string name, Func<OneInputOperator<T, TOut>> factory) =>
        new(Environment, Register(new OneInputTransformation<T, TOut>(name, Transformation, factory)));

    internal TTransformation Register<TTransformation>(TTransformation transformation)
        where TTransformation : Transformation => Environment.Register(transformation);

    internal void RequirePhysical(string what)
    {
        if (Transformation.IsVirtual)
        {
            throw new InvalidOperationException($"{what} applies to an operator; this stream is a {Transformation.Name.ToLowerInvariant()} of other streams. Apply it to the operator that produced the stream.");
        }
    }
}

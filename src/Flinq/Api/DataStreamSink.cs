using Flinq.Runtime.Graph;

namespace Flinq;

/// <summary>The end of a stream: a sink, with its name, uid and parallelism.</summary>
public sealed class DataStreamSink<T>
{
    private readonly Transformation _transformation;

    internal DataStreamSink(Transformation transformation) => _transformation = transformation;

    /// <summary>Sets the sink's name.</summary>
    public DataStreamSink<T> Name(string name)
    {
        _transformation.Name = name;
        return this;
    }

    /// <summary>Sets the sink's stable id for checkpoints.</summary>
    public DataStreamSink<T> Uid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        _transformation.Uid = uid;
        return this;
    }

    /// <summary>Sets the sink's parallelism.</summary>
    public DataStreamSink<T> SetParallelism(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _transformation.Parallelism = parallelism;
        return this;
    }

    /// <summary>Runs the sink in a task of its own.</summary>
    public DataStreamSink<T> DisableChaining()
    {
        _transformation.Chaining = ChainingStrategy.Never;
        return this;
    }
}

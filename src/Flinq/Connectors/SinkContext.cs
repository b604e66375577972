using Flinq.Serialization;

namespace Flinq.Connectors;

/// <summary>What a sink writer knows about its parallel instance.</summary>
public sealed class SinkContext
{
    internal SinkContext(int subtaskIndex, int parallelism, SerializerRegistry serializers, IReadOnlyList<byte[]>? restoredState)
    {
        SubtaskIndex = subtaskIndex;
        Parallelism = parallelism;
        Serializers = serializers;
        RestoredState = restoredState;
    }

    /// <summary>The job's state serializers.</summary>
    public SerializerRegistry Serializers { get; }

    /// <summary>
    /// After a restore, the state items of <b>all</b> instances of the previous run (which may have had another
    /// parallelism), or null when the job started fresh. A writer keeps the items that belong to it — typically
    /// those whose writing instance, modulo <see cref="Parallelism"/>, is <see cref="SubtaskIndex"/> — so that every
    /// item is handled by exactly one instance.
    /// </summary>
    public IReadOnlyList<byte[]>? RestoredState { get; }

    /// <summary>The index of this parallel instance.</summary>
    public int SubtaskIndex { get; }

    /// <summary>The number of parallel instances of the sink.</summary>
    public int Parallelism { get; }
}

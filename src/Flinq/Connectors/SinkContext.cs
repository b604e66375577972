namespace Flinq.Connectors;

/// <summary>What a sink writer knows about its parallel instance.</summary>
public sealed class SinkContext
{
    internal SinkContext(int subtaskIndex, int parallelism)
    {
        SubtaskIndex = subtaskIndex;
        Parallelism = parallelism;
    }

    /// <summary>The index of this parallel instance.</summary>
    public int SubtaskIndex { get; }

    /// <summary>The number of parallel instances of the sink.</summary>
    public int Parallelism { get; }
}

using Flinq.Runtime.Exchange;

namespace Flinq.Runtime.Graph;

/// <summary>A physical operator of the job with its resolved parallelism and edges.</summary>
internal sealed class StreamNode
{
    public StreamNode(Transformation transformation, int parallelism)
    {
        Transformation = transformation;
        Parallelism = parallelism;
    }

    public Transformation Transformation { get; }

    public int Id => Transformation.Id;

    public string Name => Transformation.Name;

    public int Parallelism { get; }

    /// <summary>
    /// The stable id its state is stored under: the user's <c>Uid(...)</c>, else derived from its position and
    /// name in the job — set a uid on stateful operators whose job will change.
    /// </summary>
    public string Uid { get; set; } = "";

    public List<StreamEdge> InEdges { get; } = new();

    public List<StreamEdge> OutEdges { get; } = new();

    /// <summary>The task (chain) this operator runs in.</summary>
    public JobVertex Vertex { get; set; } = null!;
}

/// <summary>
/// A connection between two operators: how records are partitioned, which input of the target they feed,
/// and, for side outputs, which tag they come from. Chained edges are direct calls; others cross an exchange.
/// </summary>
internal sealed class StreamEdge
{
    public StreamEdge(StreamNode source, StreamNode target, StreamPartitioner partitioner, object? sideOutputTag, string? sideOutputId, int inputIndex)
    {
        Source = source;
        Target = target;
        Partitioner = partitioner;
        SideOutputTag = sideOutputTag;
        SideOutputId = sideOutputId;
        InputIndex = inputIndex;
    }

    public StreamNode Source { get; }

    public StreamNode Target { get; }

    public StreamPartitioner Partitioner { get; }

    /// <summary>The <c>OutputTag&lt;T&gt;</c> when the edge carries a side output; null for the main output.</summary>
    public object? SideOutputTag { get; }

    public string? SideOutputId { get; }

    /// <summary>0 for the first (or only) input of the target, 1 for the second.</summary>
    public int InputIndex { get; }

    public bool IsChained { get; set; }
}

/// <summary>A task: a chain of operators run together, head first, with one parallelism.</summary>
internal sealed class JobVertex
{
    public JobVertex(int id, StreamNode head)
    {
        Id = id;
        Head = head;
        Nodes.Add(head);
    }

    public int Id { get; }

    public StreamNode Head { get; }

    /// <summary>The chain's operators in topological order; the head first.</summary>
    public List<StreamNode> Nodes { get; } = new();

    public int Parallelism => Head.Parallelism;

    public string Name => string.Join(" -> ", Nodes.Select(n => n.Name));

    /// <summary>Network edges into the head.</summary>
    public IEnumerable<StreamEdge> InputEdges => Head.InEdges.Where(e => !e.IsChained);
}

/// <summary>The job as tasks and exchanges: what <see cref="Execution.JobRunner"/> instantiates.</summary>
internal sealed class JobGraph
{
    public JobGraph(string jobName, int maxParallelism, IReadOnlyList<StreamNode> nodes, IReadOnlyList<JobVertex> vertices)
    {
        JobName = jobName;
        MaxParallelism = maxParallelism;
        Nodes = nodes;
        Vertices = vertices;
    }

    public string JobName { get; }

    public int MaxParallelism { get; }

    /// <summary>All operators in topological order.</summary>
    public IReadOnlyList<StreamNode> Nodes { get; }

    /// <summary>All tasks in topological order.</summary>
    public IReadOnlyList<JobVertex> Vertices { get; }
}

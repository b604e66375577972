using Flinq.Operators;
using Flinq.Runtime.Exchange;
using Flinq.Runtime.Tasks;

namespace Flinq.Runtime.Graph;

/// <summary>How an operator may be chained with its neighbours.</summary>
internal enum ChainingStrategy
{
    /// <summary>Chain with the predecessor and successors where possible.</summary>
    Always,

    /// <summary>Start a new chain here (<c>StartNewChain()</c>); successors may chain to it.</summary>
    Head,

    /// <summary>Never chain (<c>DisableChaining()</c>).</summary>
    Never,
}

/// <summary>
/// A node of the logical job that the fluent API builds (Flink's <c>Transformation</c>). Physical ones
/// become operators; virtual ones (partitioning, union, side output) only shape the edges between them.
/// </summary>
internal abstract class Transformation
{
    private static int s_nextId;
    private string _name;

    protected Transformation(string name)
    {
        Id = Interlocked.Increment(ref s_nextId);
        _name = name;
    }

    public int Id { get; }

    public string Name
    {
        get => _name;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _name = value;
        }
    }

    public string? Uid { get; set; }

    /// <summary>The parallelism set on this operator, or 0 for the environment's default.</summary>
    public int Parallelism { get; set; }

    public ChainingStrategy Chaining { get; set; } = ChainingStrategy.Always;

    public abstract IReadOnlyList<Transformation> Inputs { get; }

    public virtual bool IsVirtual => false;

    /// <summary>The node's role in the execution plan: "Data Source", "Operator" or "Data Sink".</summary>
    public virtual string Pact => "Operator";

    /// <summary>The highest parallelism the operator supports (1 for non-parallel sources), or null.</summary>
    public virtual int? MaxParallelism => null;

    /// <summary>For a partitioning node: the partitioner it applies.</summary>
    public virtual StreamPartitioner? VirtualPartitioner => null;

    /// <summary>For a side-output node: the tag (an <c>OutputTag&lt;T&gt;</c>) and its id.</summary>
    public virtual (object Tag, string Id)? VirtualSideOutput => null;

    /// <summary>The partitioner used when the consumer of this node's records asks for none.</summary>
    public virtual StreamPartitioner CreateDefaultPartitioner(bool forward) =>
        throw new InvalidOperationException($"'{Name}' has no output to partition.");

    /// <summary>Wraps the main output so watermarks also reach the consumers of the side outputs.</summary>
    public virtual object WithSideOutputTime(object mainOutput, IWatermarkInput[] sideOutputs) => mainOutput;

    /// <summary>An output that drops records, for an operator whose output nobody reads; null without output.</summary>
    public virtual object? CreateDiscardingOutput() => null;

    public override string ToString() => $"{Name} (#{Id})";
}

/// <summary>A transformation whose output records are of type <typeparamref name="T"/>.</summary>
internal abstract class Transformation<T> : Transformation
{
    protected Transformation(string name)
        : base(name)
    {
    }

    public override StreamPartitioner CreateDefaultPartitioner(bool forward) =>
        forward ? new ForwardPartitioner<T>(isExplicit: false) : new RebalancePartitioner<T>();

    public override object? CreateDiscardingOutput() => DiscardingOutput<T>.Instance;

    public override object WithSideOutputTime(object mainOutput, IWatermarkInput[] sideOutputs) =>
        new SideOutputTimeForwarder<T>((Input<T>)mainOutput, sideOutputs);
}

/// <summary>What a physical transformation becomes inside one task: its operator and the objects its inputs feed.</summary>
internal readonly record struct OperatorInstance(IStreamOperator Operator, object[] Inputs);

/// <summary>A transformation that becomes an operator.</summary>
internal interface IPhysicalTransformation
{
    /// <summary>Creates the operator for one subtask, writing to <paramref name="mainOutput"/> (an <c>Input&lt;TOut&gt;</c>).</summary>
    OperatorInstance Instantiate(OperatorContext context, object? mainOutput, TaskServices services);
}

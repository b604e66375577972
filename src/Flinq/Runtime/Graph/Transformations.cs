using Flinq.Connectors;
using Flinq.Operators;
using Flinq.Runtime.Exchange;
using Flinq.Runtime.Tasks;
using Flinq.Time;

namespace Flinq.Runtime.Graph;

/// <summary>A source: produces records from a <see cref="Source{T}"/>.</summary>
internal sealed class SourceTransformation<T> : Transformation<T>, IPhysicalTransformation
{
    public SourceTransformation(string name, Source<T> source, WatermarkStrategy<T>? watermarkStrategy = null)
        : base(name)
    {
        Source = source;
        WatermarkStrategy = watermarkStrategy;
    }

    public Source<T> Source { get; }

    public WatermarkStrategy<T>? WatermarkStrategy { get; }

    public override IReadOnlyList<Transformation> Inputs => [];

    public override string Pact => "Data Source";

    public override int? MaxParallelism => Source.MaxParallelism;

    public OperatorInstance Instantiate(OperatorContext context, object? mainOutput, TaskServices services)
    {
        var readerContext = new SourceReaderContext(context.SubtaskIndex, context.Parallelism, context.TimeProvider, services.Wakeup.Signal, services.Cancellation);
        var op = new SourceOperator<T>(Source, context, (Input<T>)mainOutput!, readerContext, WatermarkStrategy);
        return new OperatorInstance(op, []);
    }
}

/// <summary>An operator with one input.</summary>
internal sealed class OneInputTransformation<TIn, TOut> : Transformation<TOut>, IPhysicalTransformation
{
    private readonly Func<OneInputOperator<TIn, TOut>> _factory;

    public OneInputTransformation(string name, Transformation<TIn> input, Func<OneInputOperator<TIn, TOut>> factory)
        : base(name)
    {
        Input = input;
        _factory = factory;
    }

    public Transformation<TIn> Input { get; }

    public override IReadOnlyList<Transformation> Inputs => [Input];

    public OperatorInstance Instantiate(OperatorContext context, object? mainOutput, TaskServices services)
    {
        var op = _factory();
        op.Setup(context, (Input<TOut>)mainOutput!);
        return new OperatorInstance(op, [op]);
    }
}

/// <summary>An operator with two inputs (connected streams).</summary>
internal sealed class TwoInputTransformation<TIn1, TIn2, TOut> : Transformation<TOut>, IPhysicalTransformation
{
    private readonly Func<TwoInputOperator<TIn1, TIn2, TOut>> _factory;

    public TwoInputTransformation(string name, Transformation<TIn1> input1, Transformation<TIn2> input2, Func<TwoInputOperator<TIn1, TIn2, TOut>> factory)
        : base(name)
    {
        Input1 = input1;
        Input2 = input2;
        _factory = factory;
    }

    public Transformation<TIn1> Input1 { get; }

    public Transformation<TIn2> Input2 { get; }

    public override IReadOnlyList<Transformation> Inputs => [Input1, Input2];

    public OperatorInstance Instantiate(OperatorContext context, object? mainOutput, TaskServices services)
    {
        var op = _factory();
        op.Setup(context, (Input<TOut>)mainOutput!);
        return new OperatorInstance(op, [op.Input1, op.Input2]);
    }
}

/// <summary>A sink: consumes records into a <see cref="Sink{T}"/>. Has no output.</summary>
internal sealed class SinkTransformation<T> : Transformation, IPhysicalTransformation
{
    public SinkTransformation(string name, Transformation<T> input, Sink<T> sink)
        : base(name)
    {
        Input = input;
        Sink = sink;
    }

    public Transformation<T> Input { get; }

    public Sink<T> Sink { get; }

    public override IReadOnlyList<Transformation> Inputs => [Input];

    public override string Pact => "Data Sink";

    public OperatorInstance Instantiate(OperatorContext context, object? mainOutput, TaskServices services)
    {
        var op = new SinkOperator<T>(Sink, context, services.Metrics);
        return new OperatorInstance(op, [op]);
    }
}

/// <summary>Virtual: sends its input through a partitioner (<c>KeyBy</c>, <c>Rebalance</c>, ...).</summary>
internal sealed class PartitionTransformation<T> : Transformation<T>
{
    public PartitionTransformation(Transformation<T> input, StreamPartitioner<T> partitioner)
        : base("Partition")
    {
        Input = input;
        Partitioner = partitioner;
    }

    public Transformation<T> Input { get; }

    public StreamPartitioner<T> Partitioner { get; }

    public override IReadOnlyList<Transformation> Inputs => [Input];

    public override StreamPartitioner? VirtualPartitioner => Partitioner;

    public override bool IsVirtual => true;
}

/// <summary>Virtual: several streams of one type read as one.</summary>
internal sealed class UnionTransformation<T> : Transformation<T>
{
    public UnionTransformation(IReadOnlyList<Transformation<T>> inputs)
        : base("Union") => UnionInputs = inputs;

    public IReadOnlyList<Transformation<T>> UnionInputs { get; }

    public override IReadOnlyList<Transformation> Inputs => UnionInputs;

    public override bool IsVirtual => true;
}

/// <summary>Virtual: the records an operator emitted to one side output.</summary>
internal sealed class SideOutputTransformation<T> : Transformation<T>
{
    public SideOutputTransformation(Transformation input, OutputTag<T> tag)
        : base("SideOutput: " + tag.Id)
    {
        Input = input;
        Tag = tag;
    }

    public Transformation Input { get; }

    public OutputTag<T> Tag { get; }

    public override IReadOnlyList<Transformation> Inputs => [Input];

    public override (object Tag, string Id)? VirtualSideOutput => (Tag, Tag.Id);

    public override bool IsVirtual => true;
}

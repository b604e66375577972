using Flinq.Checkpointing.Snapshots;
using Flinq.Functions;
using Flinq.Runtime.Tasks;
using Flinq.Serialization;
using Flinq.State;
using Flinq.State.Heap;

namespace Flinq.Operators;

/// <summary>
/// What one operator instance gets from its task: who it is, the clock, the task's processing-time
/// service (timer callbacks run in the task's mailbox), and the consumers of its side outputs.
/// </summary>
internal sealed class OperatorContext
{
    private readonly Dictionary<string, object> _sideOutputs = new(StringComparer.Ordinal);

    public OperatorContext(string name, int subtaskIndex, int parallelism, int maxParallelism, ProcessingTimeService processingTime)
    {
        Name = name;
        SubtaskIndex = subtaskIndex;
        Parallelism = parallelism;
        MaxParallelism = maxParallelism;
        ProcessingTime = processingTime;
    }

    public string Name { get; }

    public int SubtaskIndex { get; }

    public int Parallelism { get; }

    public int MaxParallelism { get; }

    public ProcessingTimeService ProcessingTime { get; }

    /// <summary>The operator's stable id: the name its state is stored under in checkpoints.</summary>
    public string Uid { get; init; } = "";

    /// <summary>The state to restore before <c>Open</c>; empty when the job starts fresh.</summary>
    public OperatorRestoreState RestoreState { get; init; } = OperatorRestoreState.Empty;

    /// <summary>The serializers for this job's state.</summary>
    public SerializerRegistry Serializers { get; init; } = new();

    public TimeProvider TimeProvider => ProcessingTime.TimeProvider;

    /// <summary>How often periodic watermark generators run; zero disables them.</summary>
    public TimeSpan AutoWatermarkInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public void AddSideOutput<T>(OutputTag<T> tag, Input<T> consumer) => _sideOutputs[tag.Id] = consumer;

    /// <summary>The consumer of a side output, or null when the job does not read that side output.</summary>
    public Input<T>? GetSideOutput<T>(OutputTag<T> tag)
    {
        if (!_sideOutputs.TryGetValue(tag.Id, out var consumer))
        {
            return null;
        }

        // T is the type the function writes; the consumer was built for the type GetSideOutput reads.
        return consumer as Input<T> ?? throw SideOutputTypeMismatch(tag.Id, typeof(T), consumer);
    }

    private static InvalidOperationException SideOutputTypeMismatch(string id, Type written, object consumer)
    {
        var type = consumer.GetType();
        while (type is not null && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Input<>)))
        {
            type = type.BaseType;
        }

        string read = type?.GetGenericArguments()[0].Name ?? "another type";
        return new InvalidOperationException($"Side output '{id}' is written as {written.Name} but read as {read}: use OutputTag<T> of one type to write and to read it.");
    }

    /// <summary>A runtime context for user functions; with keyed state access when the operator is keyed.</summary>
    public RuntimeContext CreateRuntimeContext<TKey>(HeapKeyedStateBackend<TKey>? keyedState)
        where TKey : notnull => new OperatorRuntimeContext<TKey>(this, keyedState);

    private sealed class OperatorRuntimeContext<TKey> : RuntimeContext
        where TKey : notnull
    {
        private readonly OperatorContext _context;
        private readonly HeapKeyedStateBackend<TKey>? _keyedState;

        public OperatorRuntimeContext(OperatorContext context, HeapKeyedStateBackend<TKey>? keyedState)
        {
            _context = context;
            _keyedState = keyedState;
        }

        public override string OperatorName => _context.Name;

        public override int SubtaskIndex => _context.SubtaskIndex;

        public override int Parallelism => _context.Parallelism;

        public override int MaxParallelism => _context.MaxParallelism;

        public override TimeProvider TimeProvider => _context.TimeProvider;

        public override ValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor) =>
            KeyedState.GetValueState(descriptor);

        public override ListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) => KeyedState.GetState(descriptor);

        public override MapState<TMapKey, TValue> GetMapState<TMapKey, TValue>(MapStateDescriptor<TMapKey, TValue> descriptor) => KeyedState.GetState(descriptor);

        public override ReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor) => KeyedState.GetState(descriptor);

        public override AggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) => KeyedState.GetState(descriptor);

        private HeapKeyedStateBackend<TKey> KeyedState => _keyedState
            ?? throw new InvalidOperationException($"Operator '{_context.Name}' is not on a keyed stream: keyed state needs KeyBy() first.");
    }
}

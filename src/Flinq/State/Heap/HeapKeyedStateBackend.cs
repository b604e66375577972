namespace Flinq.State.Heap;

/// <summary>
/// Keyed state of one operator instance on the heap: one <see cref="StateTable{TKey, TNamespace, TValue}"/>
/// per registered state, all scoped by one <see cref="KeyContext{TKey}"/>. Single-threaded (the task's thread).
/// </summary>
internal sealed partial class HeapKeyedStateBackend<TKey>
    where TKey : notnull
{
    private readonly Dictionary<string, object> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _states = new(StringComparer.Ordinal);

    public HeapKeyedStateBackend(KeyContext<TKey> keyContext) => KeyContext = keyContext;

    public KeyContext<TKey> KeyContext { get; }

    /// <summary>Returns the table registered under <paramref name="name"/>, creating it on first use.</summary>
    public StateTable<TKey, TNamespace, TValue> GetOrCreateTable<TNamespace, TValue>(string name)
        where TNamespace : IEquatable<TNamespace>
    {
        if (_tables.TryGetValue(name, out var existing))
        {
            return existing as StateTable<TKey, TNamespace, TValue>
                ?? throw new InvalidOperationException($"State '{name}' was registered with another type or namespace.");
        }

        var table = new StateTable<TKey, TNamespace, TValue>();
        _tables.Add(name, table);
        RestoreIfPending(name, table);
        return table;
    }

    public ValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor)
    {
        if (_states.TryGetValue(descriptor.Name, out var existing))
        {
            return existing as ValueState<T>
                ?? throw new InvalidOperationException($"State '{descriptor.Name}' was registered as another kind of state.");
        }

        var state = new HeapValueState<TKey, VoidNamespace, T>(KeyContext, GetOrCreateTable<VoidNamespace, T>(descriptor.Name));
        _states.Add(descriptor.Name, state);
        return state;
    }
}

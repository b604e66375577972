namespace Flinq.State.Heap;

/// <summary>
/// Keyed state of one operator instance on the heap: one <see cref="StateTable{TKey, TNamespace, TValue}"/>
/// per registered state, all scoped by one <see cref="KeyContext{TKey}"/>. Single-threaded (the task's thread).
/// Time-to-live reads <see cref="TimeProvider"/> (the job's processing-time clock).
/// </summary>
internal sealed partial class HeapKeyedStateBackend<TKey>
    where TKey : notnull
{
    private readonly Dictionary<string, object> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _states = new(StringComparer.Ordinal);

    public HeapKeyedStateBackend(KeyContext<TKey> keyContext, TimeProvider? timeProvider = null)
    {
        KeyContext = keyContext;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    public KeyContext<TKey> KeyContext { get; }

    public TimeProvider TimeProvider { get; }

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

    /// <summary>
    /// Returns the state described by <paramref name="descriptor"/>, scoped by namespace <typeparamref name="TNamespace"/>
    /// (set it through <see cref="IHeapKeyedState{TKey, TNamespace}.CurrentNamespace"/>), creating it on first use.
    /// </summary>
    public TState GetOrCreateState<TNamespace, TState>(StateDescriptor<TState> descriptor)
        where TNamespace : IEquatable<TNamespace>
        where TState : class
    {
        if (_states.TryGetValue(descriptor.Name, out var existing))
        {
            return existing is TState state and IHeapKeyedState<TKey, TNamespace>
                ? state
                : throw new InvalidOperationException($"State '{descriptor.Name}' was registered as another kind of state (or with another namespace).");
        }

        var created = descriptor.CreateHeapState<TKey, TNamespace>(this);
        _states.Add(descriptor.Name, created);
        return created;
    }

    /// <summary>The state described by <paramref name="descriptor"/>, scoped by key only.</summary>
    public TState GetState<TState>(StateDescriptor<TState> descriptor)
        where TState : class => GetOrCreateState<VoidNamespace, TState>(descriptor);

    public ValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor) => GetState(descriptor);

    /// <summary>
    /// Calls <paramref name="function"/> for every key that has an entry in the (key-scoped) state, with the key
    /// context set to that key, so the function may read, update or clear it (Flink's
    /// <c>applyToAllKeys</c>). The current key is restored afterwards.
    /// </summary>
    public void ApplyToAllKeys<TState>(StateDescriptor<TState> descriptor, Action<TKey, TState> function)
        where TState : class
    {
        var state = GetState(descriptor);
        var keys = new List<TKey>();
        ((IHeapKeyedState<TKey, VoidNamespace>)state).CollectKeys(VoidNamespace.Instance, keys);
        bool hadKey = KeyContext.HasKey;
        var previous = hadKey ? KeyContext.CurrentKey : default;
        try
        {
            foreach (var key in keys)
            {
                KeyContext.SetCurrentKey(key);
                function(key, state);
            }
        }
        finally
        {
            if (hadKey)
            {
                KeyContext.SetCurrentKey(previous!);
            }
            else
            {
                KeyContext.ClearCurrentKey();
            }
        }
    }

    /// <summary>Removes every expired entry of every state (the sweep before a snapshot); returns how many entries went.</summary>
    public int RemoveExpiredState()
    {
        int removed = 0;
        foreach (var state in _states.Values)
        {
            removed += ((IHeapState)state).RemoveExpired();
        }

        return removed;
    }

    internal TtlPolicy? CreateTtlPolicy(StateTtlConfig? config) => config is null ? null : new TtlPolicy(config, TimeProvider);
}

using Flinq.State.Heap;

namespace Flinq.State;

/// <summary>
/// Names a piece of keyed state and describes its type. The name identifies the state within its operator:
/// asking twice for the same name returns the same state.
/// </summary>
public abstract class StateDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    protected StateDescriptor(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The state's name, unique within its operator.</summary>
    public string Name { get; }

    /// <summary>The time-to-live of the state's entries, or null when they never expire.</summary>
    public StateTtlConfig? TtlConfig { get; private set; }

    /// <summary>Makes the state's entries expire (see <see cref="StateTtlConfig"/>). Call before the state is first used.</summary>
    public void EnableTimeToLive(StateTtlConfig ttlConfig)
    {
        ArgumentNullException.ThrowIfNull(ttlConfig);
        TtlConfig = ttlConfig;
    }
}

/// <summary>A descriptor of a state of type <typeparamref name="TState"/> (<see cref="ValueState{T}"/>, <see cref="ListState{T}"/>, ...).</summary>
public abstract class StateDescriptor<TState> : StateDescriptor
    where TState : class
{
    /// <summary>Creates a descriptor.</summary>
    private protected StateDescriptor(string name)
        : base(name)
    {
    }

    /// <summary>Creates the heap implementation of this state, over the backend's table of this name.</summary>
    internal abstract TState CreateHeapState<TKey, TNamespace>(HeapKeyedStateBackend<TKey> backend)
        where TKey : notnull
        where TNamespace : IEquatable<TNamespace>;
}

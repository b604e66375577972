namespace Flinq.Functions;

/// <summary>
/// Base of user functions with a lifecycle. <see cref="Open"/> runs once per parallel instance before the
/// first record, <see cref="Close"/> once after the last (also after a failure).
/// </summary>
/// <remarks>
/// Like Flink, which ships each parallel instance its own deserialized copy of a function, Flinq gives each
/// parallel instance its own copy: a shallow one (<see cref="object.MemberwiseClone"/>) of the object passed to
/// the API. Fields set in the constructor are therefore shared between instances if they are references —
/// create per-instance objects (buffers, clients, caches) in <see cref="Open"/>. A copy is called from its
/// task's thread only, so it needs no locks.
/// </remarks>
public abstract class RichFunction
{
    private RuntimeContext? _runtimeContext;

    /// <summary>The parallel instance this function runs in, and access to its state. Set before <see cref="Open"/>.</summary>
    public RuntimeContext RuntimeContext
    {
        get => _runtimeContext ?? throw new InvalidOperationException("The runtime context is available from Open() on, not in the constructor.");
        internal set => _runtimeContext = value;
    }

    /// <summary>The copy of this function that one parallel instance runs.</summary>
    internal TFunction CopyForInstance<TFunction>()
        where TFunction : RichFunction => (TFunction)MemberwiseClone();

    /// <summary>Called once before the first record. Create state handles and resources here.</summary>
    public virtual void Open()
    {
    }

    /// <summary>Called once when the task ends, normally or not. Release resources here.</summary>
    public virtual void Close()
    {
    }
}

using Flinq.Checkpointing.Snapshots;
using Flinq.Operators.Timers;
using Flinq.State.Heap;

namespace Flinq.Operators;

/// <summary>
/// The keyed machinery of one keyed operator instance — its keyed state backend and its timers, both scoped by
/// the operator's current key — created and restored from the checkpoint together, snapshotted together. Every
/// keyed operator (process, co-process, broadcast, window, join) holds one.
/// </summary>
internal sealed class KeyedStateAndTimers<TKey, TNamespace>
    where TKey : notnull
    where TNamespace : IEquatable<TNamespace>
{
    private const string TimersSection = "timers";
    private readonly OperatorContext _context;

    /// <summary>Creates the backend and timers, and restores both from the operator's restore state, if any.</summary>
    public KeyedStateAndTimers(OperatorContext context, KeyContext<TKey> keyContext, ITimerTarget<TKey, TNamespace> target)
    {
        _context = context;
        State = new HeapKeyedStateBackend<TKey>(keyContext, context.TimeProvider);
        State.Restore(context.RestoreState, context.Serializers);
        Timers = new InternalTimerService<TKey, TNamespace>(keyContext, context.ProcessingTime, target);
        Timers.Restore(context.RestoreState, TimersSection, context.Serializers);
    }

    public HeapKeyedStateBackend<TKey> State { get; }

    public InternalTimerService<TKey, TNamespace> Timers { get; }

    public void Snapshot(OperatorSnapshotWriter writer)
    {
        State.Snapshot(writer, _context.Serializers, _context.MaxParallelism);
        Timers.Snapshot(writer, TimersSection, _context.Serializers, _context.MaxParallelism);
    }
}

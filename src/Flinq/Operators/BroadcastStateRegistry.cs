using Flinq.Checkpointing.Snapshots;
using Flinq.Serialization;
using Flinq.State;
using Flinq.State.Heap;

namespace Flinq.Operators;

/// <summary>
/// The broadcast states of one operator instance, by descriptor name. Only the descriptors declared in
/// <c>Broadcast(...)</c> may be used; each state is created on first use.
/// </summary>
internal sealed class BroadcastStateRegistry
{
    private readonly HashSet<string> _declared;
    private readonly Dictionary<string, object> _states = new(StringComparer.Ordinal);

    public BroadcastStateRegistry(IEnumerable<StateDescriptor> declared) =>
        _declared = new HashSet<string>(declared.Select(d => d.Name), StringComparer.Ordinal);

    public HeapBroadcastState<TKey, TValue> Get<TKey, TValue>(MapStateDescriptor<TKey, TValue> descriptor)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (_states.TryGetValue(descriptor.Name, out var existing))
        {
            return existing as HeapBroadcastState<TKey, TValue>
                ?? throw new InvalidOperationException($"Broadcast state '{descriptor.Name}' is used with different key or value types.");
        }

        if (!_declared.Contains(descriptor.Name))
        {
            throw new InvalidOperationException(
                $"Broadcast state '{descriptor.Name}' was not declared: pass its descriptor to Broadcast(...) (declared: {string.Join(", ", _declared)}).");
        }

        var state = new HeapBroadcastState<TKey, TValue>();
        _states.Add(descriptor.Name, state);
        if (_pending.Remove(descriptor.Name, out var restored))
        {
            state.Restore(restored, _serializers!);
        }

        return state;
    }

    private const string SectionPrefix = "broadcast:";
    private readonly Dictionary<string, byte[]> _pending = new(StringComparer.Ordinal);
    private SerializerRegistry? _serializers;

    /// <summary>
    /// Takes this instance's broadcast state from a checkpoint. Every old instance stored its (identical) copy;
    /// new instance i reads the copy of old instance i mod the old parallelism, as Flink does. States are filled
    /// when first used.
    /// </summary>
    public void Restore(OperatorRestoreState restore, int subtaskIndex, SerializerRegistry serializers)
    {
        _serializers = serializers;
        if (!restore.IsRestored)
        {
            return;
        }

        foreach (var name in _declared)
        {
            var copies = restore.ListItems(SectionPrefix + name);
            if (copies.Count > 0)
            {
                _pending[name] = copies[subtaskIndex % copies.Count];
            }
        }
    }

    /// <summary>Writes one copy of every broadcast state (restored but unused ones carried over as they were).</summary>
    public void Snapshot(OperatorSnapshotWriter writer, SerializerRegistry serializers)
    {
        foreach (var (name, state) in _states)
        {
            writer.AddUnionList(SectionPrefix + name, [((ISnapshotableBroadcastState)state).Snapshot(serializers)]);
        }

        foreach (var (name, bytes) in _pending)
        {
            writer.AddUnionList(SectionPrefix + name, [bytes]);
        }
    }
}

using Flinq.Operators.Timers;
using Flinq.State;
using Flinq.State.Heap;

namespace Flinq.Cep.Operators;

/// <summary>
/// Events of each key held back until the watermark passes their timestamp, so the NFA sees them in time order
/// (Flink CEP's element queue). Stored in keyed state (table "cep-buffer"), so it is checkpointed with the operator;
/// one event-time timer per distinct timestamp of a key wakes the operator when that timestamp is reached.
/// </summary>
internal sealed class EventTimeBuffer<TKey, T>
    where TKey : notnull
{
    private readonly StateTable<TKey, VoidNamespace, SortedDictionary<long, List<T>>> _table;
    private readonly InternalTimerService<TKey, VoidNamespace> _timers;

    public EventTimeBuffer(HeapKeyedStateBackend<TKey> state, InternalTimerService<TKey, VoidNamespace> timers)
    {
        _table = state.GetOrCreateTable<VoidNamespace, SortedDictionary<long, List<T>>>("cep-buffer");
        _timers = timers;
    }

    /// <summary>Holds back an event of the current key.</summary>
    public void Add(TKey key, long timestamp, T value)
    {
        ref var buffer = ref _table.GetValueRefOrAddDefault(key, VoidNamespace.Instance, out _);
        buffer ??= new SortedDictionary<long, List<T>>();
        if (!buffer.TryGetValue(timestamp, out var list))
        {
            buffer.Add(timestamp, list = new List<T>(1));
            _timers.RegisterEventTimeTimer(VoidNamespace.Instance, timestamp);
        }

        list.Add(value);
    }

    /// <summary>Removes and returns the key's earliest events if their timestamp is at or before the watermark.</summary>
    public bool TryTakeEarliest(TKey key, long watermark, out long timestamp, out List<T> values)
    {
        timestamp = 0;
        values = null!;
        if (!_table.TryGetValue(key, VoidNamespace.Instance, out var buffer) || buffer is null)
        {
            return false;
        }

        foreach (var entry in buffer)
        {
            if (entry.Key > watermark)
            {
                return false;
            }

            (timestamp, values) = (entry.Key, entry.Value);
            break;
        }

        if (values is null)
        {
            return false;
        }

        buffer.Remove(timestamp);
        if (buffer.Count == 0)
        {
            _table.Remove(key, VoidNamespace.Instance);
        }

        return true;
    }

    /// <summary>Drops every held-back event of a key.</summary>
    public void Clear(TKey key) => _table.Remove(key, VoidNamespace.Instance);
}

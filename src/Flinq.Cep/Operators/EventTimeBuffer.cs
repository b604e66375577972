using Flinq.Operators.Timers;
using Flinq.Serialization;
using Flinq.State;
using Flinq.State.Heap;

namespace Flinq.Cep.Operators;

/// <summary>
/// Events of each key held back until the watermark passes their timestamp, so the NFA sees them in time order
/// (Flink CEP's element queue). Stored in keyed state (table "cep-buffer", one <see cref="EventQueue{T}"/> per key),
/// so it is checkpointed with the operator; one event-time timer per distinct timestamp of a key wakes the operator
/// when that timestamp is reached. Queues of keys that have nothing buffered go back to a small pool.
/// </summary>
internal sealed class EventTimeBuffer<TKey, T>
    where TKey : notnull
{
    private const int MaxPooled = 1024;

    private readonly StateTable<TKey, VoidNamespace, EventQueue<T>> _table;
    private readonly InternalTimerService<TKey, VoidNamespace> _timers;
    private readonly Stack<EventQueue<T>> _pool = new();

    public EventTimeBuffer(HeapKeyedStateBackend<TKey> state, InternalTimerService<TKey, VoidNamespace> timers)
    {
        _table = state.GetOrCreateTable<VoidNamespace, EventQueue<T>>("cep-buffer");
        _timers = timers;
    }

    /// <summary>Registers the checkpoint format of the buffer's state; call before the keyed state is restored.</summary>
    public static void RegisterSerializer(SerializerRegistry serializers) =>
        serializers.Register(new EventQueue<T>.Serializer(serializers.Get<T>()));

    /// <summary>Holds back an event of the current key.</summary>
    public void Add(TKey key, long timestamp, T value)
    {
        ref var queue = ref _table.GetValueRefOrAddDefault(key, VoidNamespace.Instance, out _);
        queue ??= _pool.TryPop(out var pooled) ? pooled : new EventQueue<T>();
        if (queue.Add(timestamp, value))
        {
            _timers.RegisterEventTimeTimer(VoidNamespace.Instance, timestamp);
        }
    }

    /// <summary>
    /// Moves the key's earliest events into <paramref name="values"/> (cleared first) if their timestamp is at or before
    /// the watermark.
    /// </summary>
    public bool TryTakeEarliest(TKey key, long watermark, out long timestamp, List<T> values)
    {
        timestamp = 0;
        values.Clear();
        if (!_table.TryGetValue(key, VoidNamespace.Instance, out var queue) || queue is null)
        {
            return false;
        }

        if (!queue.TryTakeEarliest(watermark, values, out timestamp))
        {
            return false;
        }

        if (queue.Count == 0)
        {
            _table.Remove(key, VoidNamespace.Instance);
            Return(queue);
        }

        return true;
    }

    /// <summary>Drops every held-back event of a key.</summary>
    public void Clear(TKey key)
    {
        if (_table.TryGetValue(key, VoidNamespace.Instance, out var queue) && queue is not null)
        {
            _table.Remove(key, VoidNamespace.Instance);
            queue.Clear();
            Return(queue);
        }
    }

    private void Return(EventQueue<T> queue)
    {
        if (_pool.Count < MaxPooled)
        {
            _pool.Push(queue);
        }
    }
}

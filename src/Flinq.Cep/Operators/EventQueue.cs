using Flinq.Serialization;

namespace Flinq.Cep.Operators;

/// <summary>
/// One key's held-back events, ordered by timestamp (arrival order among equal timestamps): two parallel arrays
/// used as a queue that is consumed from the front. Most events arrive in order, so an add is an append; taking
/// the earliest timestamp moves a start index. Emptied queues are pooled by <see cref="EventTimeBuffer{TKey, T}"/>,
/// so buffering allocates nothing per event once the arrays have grown.
/// </summary>
internal sealed class EventQueue<T>
{
    private long[] _timestamps = new long[4];
    private T[] _values = new T[4];
    private int _start;
    private int _end;

    public int Count => _end - _start;

    /// <summary>Adds an event; returns true when no event with this timestamp was queued (a timer is needed).</summary>
    public bool Add(long timestamp, T value)
    {
        if (_end == _timestamps.Length)
        {
            Grow();
        }

        int i = _end;
        while (i > _start && _timestamps[i - 1] > timestamp)
        {
            i--;
        }

        bool isNew = i == _start || _timestamps[i - 1] != timestamp;
        if (i < _end)
        {
            Array.Copy(_timestamps, i, _timestamps, i + 1, _end - i);
            Array.Copy(_values, i, _values, i + 1, _end - i);
        }

        _timestamps[i] = timestamp;
        _values[i] = value;
        _end++;
        return isNew;
    }

    /// <summary>Moves the events of the earliest timestamp into <paramref name="into"/> if it is at or before <paramref name="watermark"/>.</summary>
    public bool TryTakeEarliest(long watermark, List<T> into, out long timestamp)
    {
        timestamp = 0;
        if (_start == _end || _timestamps[_start] > watermark)
        {
            return false;
        }

        timestamp = _timestamps[_start];
        while (_start < _end && _timestamps[_start] == timestamp)
        {
            into.Add(_values[_start]);
            _values[_start] = default!;
            _start++;
        }

        if (_start == _end)
        {
            _start = _end = 0;
        }

        return true;
    }

    public void Clear()
    {
        Array.Clear(_values, _start, _end - _start);
        _start = _end = 0;
    }

    private void Grow()
    {
        int count = Count;
        if (_start > 0 && count < _timestamps.Length / 2)
        {
            // Enough room at the front: slide down instead of growing.
            Array.Copy(_timestamps, _start, _timestamps, 0, count);
            Array.Copy(_values, _start, _values, 0, count);
            Array.Clear(_values, count, _end - count);
        }
        else
        {
            var timestamps = new long[_timestamps.Length * 2];
            var values = new T[_values.Length * 2];
            Array.Copy(_timestamps, _start, timestamps, 0, count);
            Array.Copy(_values, _start, values, 0, count);
            _timestamps = timestamps;
            _values = values;
        }

        _start = 0;
        _end = count;
    }

    /// <summary>Checkpoint format: the count, then each event's timestamp and value in queue order.</summary>
    internal sealed class Serializer(TypeSerializer<T> values) : TypeSerializer<EventQueue<T>>
    {
        public override void Serialize(EventQueue<T> queue, StateWriter writer)
        {
            writer.WriteVarUInt64((ulong)queue.Count);
            for (int i = queue._start; i < queue._end; i++)
            {
                writer.WriteVarInt64(queue._timestamps[i]);
                values.Serialize(queue._values[i], writer);
            }
        }

        public override EventQueue<T> Deserialize(StateReader reader)
        {
            int count = reader.ReadLength("CEP buffered events");
            var queue = new EventQueue<T>();
            for (int i = 0; i < count; i++)
            {
                long timestamp = reader.ReadVarInt64();
                queue.Add(timestamp, values.Deserialize(reader));
            }

            return queue;
        }
    }
}

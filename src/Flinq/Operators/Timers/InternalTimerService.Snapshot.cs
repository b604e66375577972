using Flinq.Checkpointing.Snapshots;
using Flinq.Runtime.KeyGroups;
using Flinq.Serialization;

namespace Flinq.Operators.Timers;

internal sealed partial class InternalTimerService<TKey, TNamespace>
{
    private const byte EventTime = 0;
    private const byte ProcessingTime = 1;

    /// <summary>Writes all live timers as a keyed section, one blob per key group.</summary>
    public void Snapshot(OperatorSnapshotWriter writer, string sectionName, SerializerRegistry serializers, int maxParallelism)
    {
        var keySerializer = serializers.Get<TKey>();
        var nsSerializer = serializers.Get<TNamespace>();
        var groups = new Dictionary<int, (StateWriter Writer, int Count)>();

        void Add(in TimerEntry<TKey, TNamespace> timer, byte domain)
        {
            int keyGroup = KeyGroupRangeAssignment.AssignToKeyGroup(timer.Key, maxParallelism);
            if (!groups.TryGetValue(keyGroup, out var group))
            {
                group = (new StateWriter(), 0);
            }

            group.Writer.WriteByte(domain);
            group.Writer.WriteInt64(timer.Time);
            keySerializer.Serialize(timer.Key, group.Writer);
            nsSerializer.Serialize(timer.Namespace, group.Writer);
            groups[keyGroup] = (group.Writer, group.Count + 1);
        }

        foreach (var timer in _eventTimers.Live)
        {
            Add(timer, EventTime);
        }

        foreach (var timer in _processingTimers.Live)
        {
            Add(timer, ProcessingTime);
        }

        var blobs = new Dictionary<int, byte[]>(groups.Count);
        foreach (var (keyGroup, (entries, count)) in groups)
        {
            var blob = new StateWriter(entries.Length + 12);
            blob.WriteVarUInt64((ulong)keySerializer.Version);
            blob.WriteVarUInt64((ulong)nsSerializer.Version);
            blob.WriteVarUInt64((ulong)count);
            blob.WriteRaw(entries.WrittenSpan);
            blobs.Add(keyGroup, blob.ToArray());
        }

        writer.AddKeyGroups(sectionName, blobs);
    }

    /// <summary>Re-registers the timers of the restored key groups; processing-time timers already due fire soon after.</summary>
    public void Restore(OperatorRestoreState restore, string sectionName, SerializerRegistry serializers)
    {
        var keySerializer = serializers.Get<TKey>();
        var nsSerializer = serializers.Get<TNamespace>();
        foreach (var (_, blob) in restore.KeyGroupBlobs(sectionName))
        {
            var reader = new StateReader(blob);
            int keyVersion = (int)reader.ReadVarUInt64();
            int nsVersion = (int)reader.ReadVarUInt64();
            int count = reader.ReadLength("timers");
            for (int i = 0; i < count; i++)
            {
                byte domain = reader.ReadByte();
                long time = reader.ReadInt64();
                var entry = new TimerEntry<TKey, TNamespace>(time, keySerializer.Deserialize(reader, keyVersion), nsSerializer.Deserialize(reader, nsVersion));
                if (domain == EventTime)
                {
                    _eventTimers.Add(entry);
                }
                else if (_processingTimers.Add(entry) && time < _scheduledTime)
                {
                    ScheduleWakeup(time);
                }
            }
        }
    }
}

using Flinq.Runtime.KeyGroups;
using Flinq.Serialization;

namespace Flinq.State.Heap;

internal sealed partial class StateTable<TKey, TNamespace, TValue>
{
    // Blob layout: key, namespace and value serializer versions, the entry count, then the entries.
    public Dictionary<int, byte[]> Snapshot(SerializerRegistry serializers, int maxParallelism)
    {
        var keySerializer = serializers.Get<TKey>();
        var nsSerializer = serializers.Get<TNamespace>();
        var valueSerializer = serializers.Get<TValue>();
        var groups = new Dictionary<int, (StateWriter Writer, int Count)>();
        var counts = new Dictionary<int, int>();
        foreach (var (stateKey, value) in _map)
        {
            int keyGroup = KeyGroupRangeAssignment.AssignToKeyGroup(stateKey.Key, maxParallelism);
            if (!groups.TryGetValue(keyGroup, out var group))
            {
                group = (new StateWriter(), 0);
            }

            keySerializer.Serialize(stateKey.Key, group.Writer);
            nsSerializer.Serialize(stateKey.Namespace, group.Writer);
            valueSerializer.Serialize(value, group.Writer);
            groups[keyGroup] = (group.Writer, group.Count + 1);
        }

        var blobs = new Dictionary<int, byte[]>(groups.Count);
        foreach (var (keyGroup, (entries, count)) in groups)
        {
            var blob = new StateWriter(entries.Length + 16);
            blob.WriteVarUInt64((ulong)keySerializer.Version);
            blob.WriteVarUInt64((ulong)nsSerializer.Version);
            blob.WriteVarUInt64((ulong)valueSerializer.Version);
            blob.WriteVarUInt64((ulong)count);
            blob.WriteRaw(entries.WrittenSpan);
            blobs.Add(keyGroup, blob.ToArray());
        }

        return blobs;
    }

    public void Restore(IReadOnlyList<byte[]> blobs, SerializerRegistry serializers)
    {
        var keySerializer = serializers.Get<TKey>();
        var nsSerializer = serializers.Get<TNamespace>();
        var valueSerializer = serializers.Get<TValue>();
        foreach (var blob in blobs)
        {
            var reader = new StateReader(blob);
            int keyVersion = (int)reader.ReadVarUInt64();
            int nsVersion = (int)reader.ReadVarUInt64();
            int valueVersion = (int)reader.ReadVarUInt64();
            int count = reader.ReadLength("state entries");
            for (int i = 0; i < count; i++)
            {
                var key = keySerializer.Deserialize(reader, keyVersion);
                var ns = nsSerializer.Deserialize(reader, nsVersion);
                _map[new StateKey<TKey, TNamespace>(key, ns)] = valueSerializer.Deserialize(reader, valueVersion);
            }
        }
    }
}

namespace Flinq.State.Heap;

/// <summary>A broadcast state on the heap: one dictionary per operator instance, with a read-only view for the non-broadcast side.</summary>
internal sealed class HeapBroadcastState<TKey, TValue> : BroadcastState<TKey, TValue>, ISnapshotableBroadcastState
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _map = new();

    public HeapBroadcastState() => ReadOnly = new ReadOnlyView(this);

    public ReadOnlyBroadcastState<TKey, TValue> ReadOnly { get; }

    public override int Count => _map.Count;

    public override bool TryGetValue(TKey key, out TValue value) => _map.TryGetValue(key, out value!);

    public override IReadOnlyList<KeyValuePair<TKey, TValue>> Entries() => _map.ToArray();

    public override void Put(TKey key, TValue value) => _map[key] = value;

    public override bool Remove(TKey key) => _map.Remove(key);

    public override void Clear() => _map.Clear();

    public byte[] Snapshot(Flinq.Serialization.SerializerRegistry serializers)
    {
        var serializer = serializers.Get<Dictionary<TKey, TValue>>();
        var writer = new Flinq.Serialization.StateWriter();
        writer.WriteVarUInt64((ulong)serializer.Version);
        serializer.Serialize(_map, writer);
        return writer.ToArray();
    }

    public void Restore(byte[] data, Flinq.Serialization.SerializerRegistry serializers)
    {
        var serializer = serializers.Get<Dictionary<TKey, TValue>>();
        var reader = new Flinq.Serialization.StateReader(data);
        int version = (int)reader.ReadVarUInt64();
        foreach (var (key, value) in serializer.Deserialize(reader, version))
        {
            _map[key] = value;
        }
    }

    // A separate object, so the non-broadcast side cannot cast its way to writing.
    private sealed class ReadOnlyView(HeapBroadcastState<TKey, TValue> state) : ReadOnlyBroadcastState<TKey, TValue>
    {
        public override int Count => state.Count;

        public override bool TryGetValue(TKey key, out TValue value) => state.TryGetValue(key, out value);

        public override IReadOnlyList<KeyValuePair<TKey, TValue>> Entries() => state.Entries();
    }
}

/// <summary>A broadcast state seen without its types, for checkpoints.</summary>
internal interface ISnapshotableBroadcastState
{
    byte[] Snapshot(Flinq.Serialization.SerializerRegistry serializers);

    void Restore(byte[] data, Flinq.Serialization.SerializerRegistry serializers);
}

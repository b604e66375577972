namespace Flinq.Serialization.Serializers;

/// <summary>Nullable reference values: a presence byte, then the value.</summary>
internal sealed class NullableReferenceSerializer<T>(TypeSerializer<T> inner) : TypeSerializer<T?>
    where T : class
{
    public override void Serialize(T? value, StateWriter writer)
    {
        writer.WriteBoolean(value is not null);
        if (value is not null)
        {
            inner.Serialize(value, writer);
        }
    }

    public override T? Deserialize(StateReader reader) => reader.ReadBoolean() ? inner.Deserialize(reader) : null;
}

internal sealed class NullableSerializer<T>(TypeSerializer<T> inner) : TypeSerializer<T?>
    where T : struct
{
    public override void Serialize(T? value, StateWriter writer)
    {
        writer.WriteBoolean(value.HasValue);
        if (value.HasValue)
        {
            inner.Serialize(value.Value, writer);
        }
    }

    public override T? Deserialize(StateReader reader) => reader.ReadBoolean() ? inner.Deserialize(reader) : null;
}

internal sealed class ArraySerializer<T>(TypeSerializer<T> element) : TypeSerializer<T[]>
{
    public override void Serialize(T[] value, StateWriter writer)
    {
        writer.WriteVarUInt64((ulong)value.Length);
        foreach (var item in value)
        {
            element.Serialize(item, writer);
        }
    }

    public override T[] Deserialize(StateReader reader)
    {
        var result = new T[reader.ReadLength("array")];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = element.Deserialize(reader);
        }

        return result;
    }
}

internal sealed class ListSerializer<T>(TypeSerializer<T> element) : TypeSerializer<List<T>>
{
    public override void Serialize(List<T> value, StateWriter writer)
    {
        writer.WriteVarUInt64((ulong)value.Count);
        foreach (var item in value)
        {
            element.Serialize(item, writer);
        }
    }

    public override List<T> Deserialize(StateReader reader)
    {
        int count = reader.ReadLength("list");
        var result = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            result.Add(element.Deserialize(reader));
        }

        return result;
    }
}

internal sealed class HashSetSerializer<T>(TypeSerializer<T> element) : TypeSerializer<HashSet<T>>
{
    public override void Serialize(HashSet<T> value, StateWriter writer)
    {
        writer.WriteVarUInt64((ulong)value.Count);
        foreach (var item in value)
        {
            element.Serialize(item, writer);
        }
    }

    public override HashSet<T> Deserialize(StateReader reader)
    {
        int count = reader.ReadLength("set");
        var result = new HashSet<T>(count);
        for (int i = 0; i < count; i++)
        {
            result.Add(element.Deserialize(reader));
        }

        return result;
    }
}

internal sealed class DictionarySerializer<TKey, TValue>(TypeSerializer<TKey> key, TypeSerializer<TValue> value) : TypeSerializer<Dictionary<TKey, TValue>>
    where TKey : notnull
{
    public override void Serialize(Dictionary<TKey, TValue> map, StateWriter writer)
    {
        writer.WriteVarUInt64((ulong)map.Count);
        foreach (var (k, v) in map)
        {
            key.Serialize(k, writer);
            value.Serialize(v, writer);
        }
    }

    public override Dictionary<TKey, TValue> Deserialize(StateReader reader)
    {
        int count = reader.ReadLength("dictionary");
        var result = new Dictionary<TKey, TValue>(count);
        for (int i = 0; i < count; i++)
        {
            var k = key.Deserialize(reader);
            result[k] = value.Deserialize(reader);
        }

        return result;
    }
}

internal sealed class KeyValuePairSerializer<TKey, TValue>(TypeSerializer<TKey> key, TypeSerializer<TValue> value) : TypeSerializer<KeyValuePair<TKey, TValue>>
{
    public override void Serialize(KeyValuePair<TKey, TValue> pair, StateWriter writer)
    {
        key.Serialize(pair.Key, writer);
        value.Serialize(pair.Value, writer);
    }

    public override KeyValuePair<TKey, TValue> Deserialize(StateReader reader) => new(key.Deserialize(reader), value.Deserialize(reader));
}

internal sealed class ValueTupleSerializer<T1, T2>(TypeSerializer<T1> s1, TypeSerializer<T2> s2) : TypeSerializer<ValueTuple<T1, T2>>
{
    public override void Serialize((T1, T2) value, StateWriter writer)
    {
        s1.Serialize(value.Item1, writer);
        s2.Serialize(value.Item2, writer);
    }

    public override (T1, T2) Deserialize(StateReader reader) => (s1.Deserialize(reader), s2.Deserialize(reader));
}

internal sealed class ValueTupleSerializer<T1, T2, T3>(TypeSerializer<T1> s1, TypeSerializer<T2> s2, TypeSerializer<T3> s3) : TypeSerializer<ValueTuple<T1, T2, T3>>
{
    public override void Serialize((T1, T2, T3) value, StateWriter writer)
    {
        s1.Serialize(value.Item1, writer);
        s2.Serialize(value.Item2, writer);
        s3.Serialize(value.Item3, writer);
    }

    public override (T1, T2, T3) Deserialize(StateReader reader) => (s1.Deserialize(reader), s2.Deserialize(reader), s3.Deserialize(reader));
}

internal sealed class ValueTupleSerializer<T1, T2, T3, T4>(TypeSerializer<T1> s1, TypeSerializer<T2> s2, TypeSerializer<T3> s3, TypeSerializer<T4> s4) : TypeSerializer<ValueTuple<T1, T2, T3, T4>>
{
    public override void Serialize((T1, T2, T3, T4) value, StateWriter writer)
    {
        s1.Serialize(value.Item1, writer);
        s2.Serialize(value.Item2, writer);
        s3.Serialize(value.Item3, writer);
        s4.Serialize(value.Item4, writer);
    }

    public override (T1, T2, T3, T4) Deserialize(StateReader reader) =>
        (s1.Deserialize(reader), s2.Deserialize(reader), s3.Deserialize(reader), s4.Deserialize(reader));
}

internal sealed class SortedDictionarySerializer<TKey, TValue>(TypeSerializer<TKey> key, TypeSerializer<TValue> value) : TypeSerializer<SortedDictionary<TKey, TValue>>
    where TKey : notnull
{
    public override void Serialize(SortedDictionary<TKey, TValue> map, StateWriter writer)
    {
        writer.WriteVarUInt64((ulong)map.Count);
        foreach (var (k, v) in map)
        {
            key.Serialize(k, writer);
            value.Serialize(v, writer);
        }
    }

    public override SortedDictionary<TKey, TValue> Deserialize(StateReader reader)
    {
        int count = reader.ReadLength("sorted dictionary");
        var result = new SortedDictionary<TKey, TValue>();
        for (int i = 0; i < count; i++)
        {
            var k = key.Deserialize(reader);
            result[k] = value.Deserialize(reader);
        }

        return result;
    }
}

/// <summary>A state value with its last-access time, for state with a time-to-live.</summary>
internal sealed class TtlValueSerializer<T>(TypeSerializer<T> value) : TypeSerializer<Flinq.State.Heap.TtlValue<T>>
{
    public override void Serialize(Flinq.State.Heap.TtlValue<T> ttl, StateWriter writer)
    {
        writer.WriteInt64(ttl.Timestamp);
        value.Serialize(ttl.Value, writer);
    }

    public override Flinq.State.Heap.TtlValue<T> Deserialize(StateReader reader)
    {
        long timestamp = reader.ReadInt64();
        return new Flinq.State.Heap.TtlValue<T>(value.Deserialize(reader), timestamp);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace Flinq.Runtime.KeyGroups;

/// <summary>
/// Maps keys to key groups and key groups to parallel instances, as Flink does: key group =
/// murmur(hash(key)) mod maxParallelism; instance = keyGroup × parallelism / maxParallelism, so each
/// instance owns one contiguous range of key groups and rescaling moves whole groups.
/// </summary>
/// <remarks>
/// The hash must be the same in every process, or state restored from a checkpoint would land on the wrong
/// instance. .NET randomizes <see cref="string.GetHashCode()"/> per process, so strings (and value tuples
/// holding them) are hashed here with a fixed function; see <see cref="StableHash{T}"/>.
/// </remarks>
internal static class KeyGroupRangeAssignment
{
    public static int AssignToKeyGroup<TKey>(TKey key, int maxParallelism) =>
        ComputeKeyGroupForHash(StableHash.Of(key), maxParallelism);

    public static int ComputeKeyGroupForHash(int hash, int maxParallelism) => Murmur(hash) % maxParallelism;

    public static int OperatorIndexForKeyGroup(int keyGroup, int maxParallelism, int parallelism) =>
        keyGroup * parallelism / maxParallelism;

    public static int AssignKeyToParallelOperator<TKey>(TKey key, int maxParallelism, int parallelism) =>
        OperatorIndexForKeyGroup(AssignToKeyGroup(key, maxParallelism), maxParallelism, parallelism);

    /// <summary>The first key group owned by an instance.</summary>
    public static int StartKeyGroup(int operatorIndex, int maxParallelism, int parallelism) =>
        ((operatorIndex * maxParallelism) + parallelism - 1) / parallelism;

    /// <summary>The last key group owned by an instance (inclusive).</summary>
    public static int EndKeyGroup(int operatorIndex, int maxParallelism, int parallelism) =>
        ((((operatorIndex + 1) * maxParallelism) + parallelism - 1) / parallelism) - 1;

    // Flink's MathUtils.murmurHash: scrambles poor hash codes (like small integers) over all key groups.
    private static int Murmur(int code)
    {
        uint h = unchecked((uint)code);
        h *= 0xcc9e2d51;
        h = BitOperations.RotateLeft(h, 15);
        h *= 0x1b873593;
        h = BitOperations.RotateLeft(h, 13);
        h = (h * 5) + 0xe6546b64;
        h ^= 4;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        int result = unchecked((int)h);
        return result >= 0 ? result : (result != int.MinValue ? -result : 0);
    }
}

/// <summary>Hash codes that are equal in every process, for key-group assignment.</summary>
internal static class StableHash
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of<T>(T value)
    {
        if (typeof(T) == typeof(int))
        {
            return (int)(object)value!;
        }

        if (typeof(T) == typeof(long))
        {
            return ((long)(object)value!).GetHashCode();
        }

        if (typeof(T) == typeof(string))
        {
            return OfString((string)(object)value!);
        }

        return StableHash<T>.Hash(value);
    }

    /// <summary>FNV-1a over the UTF-16 code units: fixed, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static int OfString(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        uint hash = 2166136261;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 16777619;
        }

        return unchecked((int)hash);
    }
}

/// <summary>
/// The stable hash of one type, chosen once: strings by <see cref="StableHash.OfString"/>, value tuples (up to
/// seven items, nested allowed) by combining their items' stable hashes — without boxing, through a delegate to a
/// generic method made for the tuple's item types — and everything else by <see cref="object.GetHashCode()"/>, which
/// is stable for numbers, enums, <see cref="Guid"/>, dates, and for records of those. Types whose hash code is
/// seeded per process (<see cref="HashCode.Combine{T1, T2}"/>, strings inside records) are not stable: key by a
/// string or a tuple instead when jobs are restored from checkpoints.
/// </summary>
internal static class StableHash<T>
{
    public static readonly Func<T, int> Hash = Create();

    private static Func<T, int> Create()
    {
        var type = typeof(T);
        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().Length <= 7)
        {
            var arguments = type.GetGenericArguments();
            var method = typeof(TupleHashes).GetMethod("Hash" + arguments.Length)!.MakeGenericMethod(arguments);
            return method.CreateDelegate<Func<T, int>>();
        }

        return value => value is null ? 0 : EqualityComparer<T>.Default.GetHashCode(value);
    }
}

/// <summary>Stable hashes of value tuples: each item's stable hash, combined with a fixed multiplier.</summary>
internal static class TupleHashes
{
    public static int Hash2<T1, T2>(ValueTuple<T1, T2> t) => Combine(Combine(17, StableHash.Of(t.Item1)), StableHash.Of(t.Item2));

    public static int Hash3<T1, T2, T3>(ValueTuple<T1, T2, T3> t) => Combine(Hash2((t.Item1, t.Item2)), StableHash.Of(t.Item3));

    public static int Hash4<T1, T2, T3, T4>(ValueTuple<T1, T2, T3, T4> t) => Combine(Hash3((t.Item1, t.Item2, t.Item3)), StableHash.Of(t.Item4));

    public static int Hash5<T1, T2, T3, T4, T5>(ValueTuple<T1, T2, T3, T4, T5> t) => Combine(Hash4((t.Item1, t.Item2, t.Item3, t.Item4)), StableHash.Of(t.Item5));

    public static int Hash6<T1, T2, T3, T4, T5, T6>(ValueTuple<T1, T2, T3, T4, T5, T6> t) => Combine(Hash5((t.Item1, t.Item2, t.Item3, t.Item4, t.Item5)), StableHash.Of(t.Item6));

    public static int Hash7<T1, T2, T3, T4, T5, T6, T7>(ValueTuple<T1, T2, T3, T4, T5, T6, T7> t) => Combine(Hash6((t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6)), StableHash.Of(t.Item7));

    private static int Combine(int hash, int item) => unchecked((hash * 31) + item);
}

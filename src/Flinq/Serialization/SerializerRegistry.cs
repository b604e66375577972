using System.Collections.Concurrent;
using Flinq.Operators.Windowing;
using Flinq.Serialization.Serializers;
using Flinq.State.Heap;
using Flinq.Windowing.Windows;
using Flinq.Time;

namespace Flinq.Serialization;

/// <summary>
/// Chooses the <see cref="TypeSerializer{T}"/> for each state type of a job. A job registers its own for the
/// types it wants (<see cref="Register{T}"/>); every other type gets the default: binary for numbers, strings,
/// booleans, chars, decimals, <see cref="Guid"/>, dates, <see cref="TimeSpan"/>, <see cref="Timestamp"/>, enums,
/// byte arrays, nullables, arrays, <see cref="List{T}"/>, <see cref="HashSet{T}"/>, <see cref="Dictionary{TKey, TValue}"/>,
/// key-value pairs and value tuples of up to four items of those; JSON (see docs/state-serialization.md) for any
/// other type. Thread-safe.
/// </summary>
public sealed class SerializerRegistry
{
    private static readonly Dictionary<Type, object> s_primitives = new()
    {
        [typeof(bool)] = new BooleanSerializer(),
        [typeof(byte)] = new ByteSerializer(),
        [typeof(short)] = new Int16Serializer(),
        [typeof(char)] = new CharSerializer(),
        [typeof(int)] = new Int32Serializer(),
        [typeof(long)] = new Int64Serializer(),
        [typeof(uint)] = new UInt32Serializer(),
        [typeof(ulong)] = new UInt64Serializer(),
        [typeof(float)] = new SingleSerializer(),
        [typeof(double)] = new DoubleSerializer(),
        [typeof(decimal)] = new DecimalSerializer(),
        [typeof(string)] = new StringSerializer(),
        [typeof(byte[])] = new ByteArraySerializer(),
        [typeof(Guid)] = new GuidSerializer(),
        [typeof(DateTime)] = new DateTimeSerializer(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetSerializer(),
        [typeof(TimeSpan)] = new TimeSpanSerializer(),
        [typeof(Timestamp)] = new TimestampSerializer(),
        [typeof(TimeWindow)] = new TimeWindowSerializer(),
        [typeof(GlobalWindow)] = new GlobalWindowSerializer(),
    };

    private static readonly Dictionary<Type, Type> s_generic = new()
    {
        [typeof(List<>)] = typeof(ListSerializer<>),
        [typeof(HashSet<>)] = typeof(HashSetSerializer<>),
        [typeof(Dictionary<,>)] = typeof(DictionarySerializer<,>),
        [typeof(KeyValuePair<,>)] = typeof(KeyValuePairSerializer<,>),
        [typeof(ValueTuple<,>)] = typeof(ValueTupleSerializer<,>),
        [typeof(ValueTuple<,,>)] = typeof(ValueTupleSerializer<,,>),
        [typeof(ValueTuple<,,,>)] = typeof(ValueTupleSerializer<,,,>),
        [typeof(Nullable<>)] = typeof(NullableSerializer<>),
        [typeof(SortedDictionary<,>)] = typeof(SortedDictionarySerializer<,>),
        [typeof(MergingWindowSet<>)] = typeof(MergingWindowSetSerializer<>),
        [typeof(TtlValue<>)] = typeof(TtlValueSerializer<>),
    };

    private readonly ConcurrentDictionary<Type, object> _serializers = new();

    /// <summary>Uses <paramref name="serializer"/> for every state value of type <typeparamref name="T"/> (also inside collections and tuples).</summary>
    public void Register<T>(TypeSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializers[typeof(T)] = serializer;
    }

    /// <summary>The serializer for <typeparamref name="T"/>: the registered one, else the default.</summary>
    public TypeSerializer<T> Get<T>() => (TypeSerializer<T>)Get(typeof(T));

    private object Get(Type type) => _serializers.GetOrAdd(type, static (t, registry) => registry.CreateDefault(t), this);

    private object CreateDefault(Type type)
    {
        if (s_primitives.TryGetValue(type, out var primitive))
        {
            return primitive;
        }

        if (type.IsEnum)
        {
            return Activator.CreateInstance(typeof(EnumSerializer<>).MakeGenericType(type))!;
        }

        if (type.IsArray && type.GetArrayRank() == 1)
        {
            var element = type.GetElementType()!;
            return Activator.CreateInstance(typeof(ArraySerializer<>).MakeGenericType(element), Get(element))!;
        }

        if (type.IsGenericType && s_generic.TryGetValue(type.GetGenericTypeDefinition(), out var serializerType))
        {
            var arguments = type.GetGenericArguments();
            var inner = arguments.Select(Get).ToArray();
            return Activator.CreateInstance(serializerType.MakeGenericType(arguments), inner)!;
        }

        var json = Activator.CreateInstance(typeof(JsonStateSerializer<>).MakeGenericType(type))!;
        return type.IsValueType
            ? json
            : Activator.CreateInstance(typeof(NullableReferenceSerializer<>).MakeGenericType(type), json)!;
    }
}

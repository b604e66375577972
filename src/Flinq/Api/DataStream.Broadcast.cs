using Flinq.Runtime.Exchange;
using Flinq.Runtime.Graph;
using Flinq.State;

namespace Flinq;

public partial class DataStream<T>
{
    /// <summary>
    /// Broadcasts the stream with broadcast state (Flink's <c>broadcast(MapStateDescriptor...)</c>): connect
    /// another stream to the result, and the operator gets every record of this stream on every parallel
    /// instance, and one broadcast state (a map) per descriptor — typically rules or configuration that change
    /// while the job runs. Each descriptor must be a <see cref="MapStateDescriptor{TKey, TValue}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No descriptor, a descriptor that is not a map state, or a duplicate name.</exception>
    public BroadcastStream<T> Broadcast(params StateDescriptor[] descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        if (descriptors.Length == 0)
        {
            throw new ArgumentException("Pass at least one MapStateDescriptor for the broadcast state (use Broadcast() without arguments for plain broadcast partitioning).", nameof(descriptors));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            ArgumentNullException.ThrowIfNull(descriptor, nameof(descriptors));
            var type = descriptor.GetType();
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(MapStateDescriptor<,>))
            {
                throw new ArgumentException($"Broadcast state '{descriptor.Name}' must be described by a MapStateDescriptor<TKey, TValue>, not {type.Name}.", nameof(descriptors));
            }

            if (!names.Add(descriptor.Name))
            {
                throw new ArgumentException($"Broadcast state '{descriptor.Name}' is declared twice.", nameof(descriptors));
            }
        }

        var broadcast = new DataStream<T>(Environment, Register(new PartitionTransformation<T>(Transformation, new BroadcastPartitioner<T>())));
        return new BroadcastStream<T>(broadcast, descriptors.ToArray());
    }

    /// <summary>
    /// Connects this stream with a broadcast stream. If this stream is keyed
    /// (<see cref="KeyedStream{TKey, T}"/>), process the result with a keyed broadcast function, else with a
    /// broadcast function.
    /// </summary>
    public BroadcastConnectedStream<T, TBroadcast> Connect<TBroadcast>(BroadcastStream<TBroadcast> broadcastStream)
    {
        ArgumentNullException.ThrowIfNull(broadcastStream);
        if (broadcastStream.Environment != Environment)
        {
            throw new ArgumentException("Streams from different environments cannot be connected.", nameof(broadcastStream));
        }

        return new BroadcastConnectedStream<T, TBroadcast>(this, broadcastStream);
    }
}

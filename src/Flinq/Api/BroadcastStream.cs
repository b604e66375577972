using Flinq.Runtime.Graph;
using Flinq.State;

namespace Flinq;

/// <summary>
/// A stream whose every record goes to every parallel instance of the operator it is connected to, together
/// with the broadcast states that operator keeps (Flink's <c>BroadcastStream</c>). Connect a stream to it with
/// <see cref="DataStream{T}.Connect{TBroadcast}(BroadcastStream{TBroadcast})"/>.
/// </summary>
public sealed class BroadcastStream<T>
{
    internal BroadcastStream(DataStream<T> stream, IReadOnlyList<StateDescriptor> descriptors)
    {
        Stream = stream;
        Descriptors = descriptors;
    }

    /// <summary>The environment the stream belongs to.</summary>
    public StreamExecutionEnvironment Environment => Stream.Environment;

    /// <summary>The descriptors of the broadcast states, as passed to <c>Broadcast(...)</c>.</summary>
    public IReadOnlyList<StateDescriptor> Descriptors { get; }

    /// <summary>The stream, already broadcast-partitioned.</summary>
    internal DataStream<T> Stream { get; }

    internal Transformation<T> Transformation => Stream.Transformation;
}

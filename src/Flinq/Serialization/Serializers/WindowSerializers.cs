using Flinq.Operators.Windowing;
using Flinq.Windowing.Windows;

namespace Flinq.Serialization.Serializers;

internal sealed class TimeWindowSerializer : TypeSerializer<TimeWindow>
{
    public override void Serialize(TimeWindow value, StateWriter writer)
    {
        writer.WriteVarInt64(value.StartMs);
        writer.WriteVarInt64(value.End.Milliseconds - value.StartMs);
    }

    public override TimeWindow Deserialize(StateReader reader)
    {
        long start = reader.ReadVarInt64();
        return new TimeWindow(start, start + reader.ReadVarInt64());
    }
}

internal sealed class GlobalWindowSerializer : TypeSerializer<GlobalWindow>
{
    public override void Serialize(GlobalWindow value, StateWriter writer)
    {
    }

    public override GlobalWindow Deserialize(StateReader reader) => GlobalWindow.Instance;
}

/// <summary>A session key's in-flight windows: the window → state window pairs.</summary>
internal sealed class MergingWindowSetSerializer<TWindow>(TypeSerializer<TWindow> window) : TypeSerializer<MergingWindowSet<TWindow>>
    where TWindow : IEquatable<TWindow>, IWindow
{
    public override void Serialize(MergingWindowSet<TWindow> value, StateWriter writer)
    {
        writer.WriteVarUInt64((ulong)value.Mapping.Count);
        foreach (var (w, stateWindow) in value.Mapping)
        {
            window.Serialize(w, writer);
            window.Serialize(stateWindow, writer);
        }
    }

    public override MergingWindowSet<TWindow> Deserialize(StateReader reader)
    {
        var set = new MergingWindowSet<TWindow>();
        int count = reader.ReadLength("window set");
        for (int i = 0; i < count; i++)
        {
            set.Restore(window.Deserialize(reader), window.Deserialize(reader));
        }

        return set;
    }
}

using Flinq.Serialization;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>Binary form of <see cref="WindowState"/>: labels, next end, empty-window count, then the samples.</summary>
internal sealed class WindowStateSerializer : TypeSerializer<WindowState>
{
    public override void Serialize(WindowState value, StateWriter writer)
    {
        StateFormat.WriteLabels(writer, value.Group);
        writer.WriteInt64(value.NextEnd);
        writer.WriteVarInt64(value.EmptyWindows);
        writer.WriteVarUInt64((ulong)value.Count);
        for (int i = 0; i < value.Count; i++)
        {
            writer.WriteInt64((long)value.Series[i]);
            writer.WriteVarInt64(value.Times[i]);
            writer.WriteDouble(value.Values[i]);
        }
    }

    public override WindowState Deserialize(StateReader reader)
    {
        var group = StateFormat.ReadLabels(reader);
        long nextEnd = reader.ReadInt64();
        int empty = (int)reader.ReadVarInt64();
        int count = reader.ReadLength("sample count");
        var state = new WindowState(group, Math.Max(8, count)) { NextEnd = nextEnd, EmptyWindows = empty, Restored = true };
        for (int i = 0; i < count; i++)
        {
            state.Add((ulong)reader.ReadInt64(), reader.ReadVarInt64(), reader.ReadDouble());
        }

        return state;
    }
}

using Flinq.Serialization;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>Binary checkpoint format of <see cref="AlertStateChange"/> (e.g. inside a history sink's transaction).</summary>
internal sealed class AlertStateChangeSerializer : TypeSerializer<AlertStateChange>
{
    public override void Serialize(AlertStateChange value, StateWriter writer)
    {
        writer.WriteVarInt64(value.Time.Milliseconds);
        writer.WriteString(value.Rule);
        StateFormat.WriteLabels(writer, value.Labels);
        StateFormat.WriteLabels(writer, value.Annotations);
        writer.WriteByte((byte)value.From);
        writer.WriteByte((byte)value.To);
        writer.WriteDouble(value.Value);
        writer.WriteVarInt64(value.ActiveAt.Milliseconds);
        writer.WriteVarInt64(value.FiredAt.Milliseconds);
    }

    public override AlertStateChange Deserialize(StateReader reader) => new(
        new Timestamp(reader.ReadVarInt64()), reader.ReadString()!, StateFormat.ReadLabels(reader), StateFormat.ReadLabels(reader),
        (AlertState)reader.ReadByte(), (AlertState)reader.ReadByte(), reader.ReadDouble(), new Timestamp(reader.ReadVarInt64()), new Timestamp(reader.ReadVarInt64()));
}

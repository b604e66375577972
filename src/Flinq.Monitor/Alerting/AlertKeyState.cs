using Flinq.Monitor.Telemetry;
using Flinq.Serialization;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// The lifecycle's keyed state for one (rule, group): pending or firing (inactive groups keep nothing).
/// Mutable; the function writes it back with <c>Update</c> after each change.
/// </summary>
internal sealed class AlertKeyState
{
    public AlertState State { get; set; }

    /// <summary>The alert's labels (computed when the group left inactive).</summary>
    public Labels Labels { get; set; } = Labels.Empty;

    public Labels Annotations { get; set; } = Labels.Empty;

    public Timestamp ActiveAt { get; set; } = Timestamp.None;

    public Timestamp FiredAt { get; set; } = Timestamp.None;

    public Timestamp LastEvaluationAt { get; set; } = Timestamp.None;

    public Timestamp LastActiveAt { get; set; } = Timestamp.None;

    public Timestamp LastSentAt { get; set; } = Timestamp.None;

    /// <summary>The last gap seen between two evaluations, in ms: the evaluation interval for <see cref="Alert.EndsAt"/>.</summary>
    public long EvaluationGapMs { get; set; }

    public double Value { get; set; }
}

/// <summary>Binary checkpoint format of <see cref="AlertKeyState"/>.</summary>
internal sealed class AlertKeyStateSerializer : TypeSerializer<AlertKeyState>
{
    public override void Serialize(AlertKeyState value, StateWriter writer)
    {
        writer.WriteByte((byte)value.State);
        StateFormat.WriteLabels(writer, value.Labels);
        StateFormat.WriteLabels(writer, value.Annotations);
        writer.WriteVarInt64(value.ActiveAt.Milliseconds);
        writer.WriteVarInt64(value.FiredAt.Milliseconds);
        writer.WriteVarInt64(value.LastEvaluationAt.Milliseconds);
        writer.WriteVarInt64(value.LastActiveAt.Milliseconds);
        writer.WriteVarInt64(value.LastSentAt.Milliseconds);
        writer.WriteVarInt64(value.EvaluationGapMs);
        writer.WriteDouble(value.Value);
    }

    public override AlertKeyState Deserialize(StateReader reader) => new()
    {
        State = (AlertState)reader.ReadByte(),
        Labels = StateFormat.ReadLabels(reader),
        Annotations = StateFormat.ReadLabels(reader),
        ActiveAt = new Timestamp(reader.ReadVarInt64()),
        FiredAt = new Timestamp(reader.ReadVarInt64()),
        LastEvaluationAt = new Timestamp(reader.ReadVarInt64()),
        LastActiveAt = new Timestamp(reader.ReadVarInt64()),
        LastSentAt = new Timestamp(reader.ReadVarInt64()),
        EvaluationGapMs = reader.ReadVarInt64(),
        Value = reader.ReadDouble(),
    };
}

using Flinq.Monitor.Telemetry;
using Flinq.Serialization;

namespace Flinq.Monitor.Alerting;

/// <summary>The absence evaluator's keyed state for one (rule, group). Times are processing-time epoch ms.</summary>
internal sealed class AbsenceKeyState
{
    public string Rule { get; set; } = string.Empty;

    public Labels Group { get; set; } = Labels.Empty;

    public long LastSeen { get; set; }

    /// <summary>The one armed timer's due time (0: none).</summary>
    public long TimerAt { get; set; }

    public bool Absent { get; set; }

    /// <summary>When the last active evaluation was emitted (long.MinValue: never).</summary>
    public long LastActiveAt { get; set; } = long.MinValue;
}

/// <summary>Binary checkpoint format of <see cref="AbsenceKeyState"/>.</summary>
internal sealed class AbsenceKeyStateSerializer : TypeSerializer<AbsenceKeyState>
{
    public override void Serialize(AbsenceKeyState value, StateWriter writer)
    {
        writer.WriteString(value.Rule);
        StateFormat.WriteLabels(writer, value.Group);
        writer.WriteVarInt64(value.LastSeen);
        writer.WriteVarInt64(value.TimerAt);
        writer.WriteBoolean(value.Absent);
        writer.WriteVarInt64(value.LastActiveAt);
    }

    public override AbsenceKeyState Deserialize(StateReader reader) => new()
    {
        Rule = reader.ReadString()!,
        Group = StateFormat.ReadLabels(reader),
        LastSeen = reader.ReadVarInt64(),
        TimerAt = reader.ReadVarInt64(),
        Absent = reader.ReadBoolean(),
        LastActiveAt = reader.ReadVarInt64(),
    };
}

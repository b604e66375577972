using Flinq.Monitor.Telemetry;
using Flinq.Serialization;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// The keyed state of one (rule, group) of an anomaly rule: the learned baseline (EWMA mean and variance, samples
/// learned) and the samples waiting for the watermark so they are learned in event-time order.
/// </summary>
internal sealed class AnomalyState
{
    public AnomalyState(WindowState pending) => Pending = pending;

    public Labels Group => Pending.Group;

    /// <summary>Samples not yet learned (the window state's buffer; its window fields are unused).</summary>
    public WindowState Pending { get; }

    public long Learned { get; set; }

    public double Mean { get; set; }

    public double Variance { get; set; }
}

/// <summary>Binary form of <see cref="AnomalyState"/>.</summary>
internal sealed class AnomalyStateSerializer : TypeSerializer<AnomalyState>
{
    private static readonly WindowStateSerializer s_pending = new();

    public override void Serialize(AnomalyState value, StateWriter writer)
    {
        s_pending.Serialize(value.Pending, writer);
        writer.WriteVarInt64(value.Learned);
        writer.WriteDouble(value.Mean);
        writer.WriteDouble(value.Variance);
    }

    public override AnomalyState Deserialize(StateReader reader) =>
        new(s_pending.Deserialize(reader)) { Learned = reader.ReadVarInt64(), Mean = reader.ReadDouble(), Variance = reader.ReadDouble() };
}

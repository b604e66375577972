using Flinq.Monitor.Rules;
using Flinq.Serialization;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// Binary checkpoint format of <see cref="AlertRule"/> (held in the rule jobs' broadcast state). The JSON fallback
/// cannot read rules back (<c>LabelMatcher</c> has no setters), so this serializer is required, not an optimisation.
/// </summary>
internal sealed class AlertRuleSerializer : TypeSerializer<AlertRule>
{
    public override void Serialize(AlertRule value, StateWriter writer)
    {
        writer.WriteString(value.Name);
        writer.WriteVarInt64((long)value.Kind);
        writer.WriteBoolean(value.Enabled);
        writer.WriteString(value.Severity);
        StateFormat.WriteDuration(writer, value.For);
        StateFormat.WriteDuration(writer, value.KeepFiringFor);
        StateFormat.WriteDuration(writer, value.EvaluationDelay);
        writer.WriteVarInt64((long)value.NoData);
        StateFormat.WriteMap(writer, value.Labels);
        StateFormat.WriteMap(writer, value.Annotations);
        WriteThreshold(writer, value.Threshold);
        StateFormat.WriteLogSpec(writer, value.Log);
        WriteAbsence(writer, value.Absence);
        WriteSequence(writer, value.Sequence);
        WriteAnomaly(writer, value.Anomaly);
    }

    public override AlertRule Deserialize(StateReader reader) => new()
    {
        Name = reader.ReadString()!,
        Kind = (RuleKind)reader.ReadVarInt64(),
        Enabled = reader.ReadBoolean(),
        Severity = reader.ReadString()!,
        For = StateFormat.ReadDuration(reader),
        KeepFiringFor = StateFormat.ReadDuration(reader),
        EvaluationDelay = StateFormat.ReadDuration(reader),
        NoData = (NoDataPolicy)reader.ReadVarInt64(),
        Labels = StateFormat.ReadMap(reader),
        Annotations = StateFormat.ReadMap(reader),
        Threshold = ReadThreshold(reader),
        Log = StateFormat.ReadLogSpec(reader),
        Absence = ReadAbsence(reader),
        Sequence = ReadSequence(reader),
        Anomaly = ReadAnomaly(reader),
    };

    private static void WriteThreshold(StateWriter w, ThresholdSpec? spec)
    {
        w.WriteBoolean(spec is not null);
        if (spec is null)
        {
            return;
        }

        StateFormat.WriteSelector(w, spec.Selector);
        w.WriteVarInt64((long)spec.Aggregation);
        w.WriteDouble(spec.Quantile);
        StateFormat.WriteDuration(w, spec.Window);
        w.WriteBoolean(spec.Slide is not null);
        if (spec.Slide is { } slide)
        {
            StateFormat.WriteDuration(w, slide);
        }

        StateFormat.WriteStrings(w, spec.GroupBy);
        w.WriteVarInt64((long)spec.Comparison);
        w.WriteDouble(spec.Threshold);
    }

    private static ThresholdSpec? ReadThreshold(StateReader r)
    {
        if (!r.ReadBoolean())
        {
            return null;
        }

        var selector = StateFormat.ReadSelector(r)!;
        var aggregation = (Aggregation)r.ReadVarInt64();
        double quantile = r.ReadDouble();
        var window = StateFormat.ReadDuration(r);
        TimeSpan? slide = r.ReadBoolean() ? StateFormat.ReadDuration(r) : null;
        return new ThresholdSpec
        {
            Selector = selector, Aggregation = aggregation, Quantile = quantile, Window = window, Slide = slide,
            GroupBy = StateFormat.ReadStrings(r), Comparison = (Comparison)r.ReadVarInt64(), Threshold = r.ReadDouble(),
        };
    }

    private static void WriteAbsence(StateWriter w, AbsenceSpec? spec)
    {
        w.WriteBoolean(spec is not null);
        if (spec is not null)
        {
            StateFormat.WriteSelector(w, spec.Selector);
            StateFormat.WriteStrings(w, spec.GroupBy);
            StateFormat.WriteDuration(w, spec.SilentFor);
        }
    }

    private static AbsenceSpec? ReadAbsence(StateReader r) => r.ReadBoolean()
        ? new AbsenceSpec { Selector = StateFormat.ReadSelector(r)!, GroupBy = StateFormat.ReadStrings(r), SilentFor = StateFormat.ReadDuration(r) }
        : null;

    private static void WriteSequence(StateWriter w, SequenceSpec? spec)
    {
        w.WriteBoolean(spec is not null);
        if (spec is null)
        {
            return;
        }

        w.WriteVarUInt64((ulong)spec.Steps.Count);
        foreach (var step in spec.Steps)
        {
            w.WriteString(step.Name);
            StateFormat.WriteSelector(w, step.Metric);
            w.WriteVarInt64((long)step.Comparison);
            w.WriteDouble(step.Threshold);
            StateFormat.WriteLogSpec(w, step.Log);
            w.WriteVarInt64(step.Times);
        }

        StateFormat.WriteDuration(w, spec.Within);
        w.WriteBoolean(spec.Strict);
        StateFormat.WriteStrings(w, spec.GroupBy);
    }

    private static SequenceSpec? ReadSequence(StateReader r)
    {
        if (!r.ReadBoolean())
        {
            return null;
        }

        var steps = new SequenceStep[r.ReadLength("sequence steps")];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = new SequenceStep
            {
                Name = r.ReadString()!, Metric = StateFormat.ReadSelector(r), Comparison = (Comparison)r.ReadVarInt64(),
                Threshold = r.ReadDouble(), Log = StateFormat.ReadLogSpec(r), Times = (int)r.ReadVarInt64(),
            };
        }

        return new SequenceSpec { Steps = steps, Within = StateFormat.ReadDuration(r), Strict = r.ReadBoolean(), GroupBy = StateFormat.ReadStrings(r) };
    }

    private static void WriteAnomaly(StateWriter w, AnomalySpec? spec)
    {
        w.WriteBoolean(spec is not null);
        if (spec is not null)
        {
            StateFormat.WriteSelector(w, spec.Selector);
            StateFormat.WriteStrings(w, spec.GroupBy);
            w.WriteDouble(spec.Alpha);
            w.WriteDouble(spec.Deviations);
            w.WriteVarInt64(spec.WarmUpSamples);
        }
    }

    private static AnomalySpec? ReadAnomaly(StateReader r) => r.ReadBoolean()
        ? new AnomalySpec
        {
            Selector = StateFormat.ReadSelector(r)!, GroupBy = StateFormat.ReadStrings(r), Alpha = r.ReadDouble(), Deviations = r.ReadDouble(),
            WarmUpSamples = (int)r.ReadVarInt64(),
        }
        : null;
}

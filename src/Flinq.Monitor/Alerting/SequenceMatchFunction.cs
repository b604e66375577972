using System.Text.Json;
using Flinq.Cep.Dynamic;
using Flinq.Functions;
using Flinq.Monitor.Telemetry;
using Flinq.Serialization;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>Turns CEP matches into evaluations: active at the match, inactive after keep_firing_for (see <see cref="SequenceEvaluator"/>).</summary>
internal sealed class SequenceMatchFunction : KeyedProcessFunction<string, PatternMatch, RuleEvaluation>
{
    private ValueState<SequenceKeyState> _state = null!;

    public override void Open() => _state = RuntimeContext.GetState(new ValueStateDescriptor<SequenceKeyState>("sequence"));

    public override void ProcessElement(PatternMatch value, IKeyedProcessContext<string> context, ICollector<RuleEvaluation> output)
    {
        if (value.TimedOut || value.Events.Count == 0)
        {
            return;
        }

        JsonElement last = default;
        foreach (var events in value.Events.Values)
        {
            if (events.Count > 0)
            {
                last = events[^1];
            }
        }

        long lastTime = value.Timestamp;
        string rule = last.GetProperty("rule").GetString()!;
        long kff = last.GetProperty("kff").GetInt64();
        var group = SequencePatterns.GroupOf(last);
        double v = last.TryGetProperty("value", out var number) ? number.GetDouble() : double.NaN;
        var t = new Timestamp(lastTime);
        output.Collect(new RuleEvaluation(rule, group, t, v, Active: true, NoData: false));
        var timers = context.TimerService;
        if (_state.Value is { } old)
        {
            timers.DeleteEventTimeTimer(new Timestamp(old.ResolveAt));
        }

        if (kff <= 0)
        {
            output.Collect(new RuleEvaluation(rule, group, t, v, Active: false, NoData: false));
            _state.Clear();
            return;
        }

        long resolveAt = lastTime + kff;
        timers.RegisterEventTimeTimer(new Timestamp(resolveAt));
        _state.Update(new SequenceKeyState(rule, group, resolveAt));
    }

    public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<RuleEvaluation> output)
    {
        if (_state.Value is not { } state || state.ResolveAt != timestamp.Milliseconds)
        {
            return;
        }

        output.Collect(new RuleEvaluation(state.Rule, state.Group, timestamp, double.NaN, Active: false, NoData: false));
        _state.Clear();
    }
}

/// <summary>A pending resolve of a sequence alert.</summary>
internal sealed record SequenceKeyState(string Rule, Labels Group, long ResolveAt);

/// <summary>Binary checkpoint format of <see cref="SequenceKeyState"/>.</summary>
internal sealed class SequenceKeyStateSerializer : TypeSerializer<SequenceKeyState>
{
    public override void Serialize(SequenceKeyState value, StateWriter writer)
    {
        writer.WriteString(value.Rule);
        StateFormat.WriteLabels(writer, value.Group);
        writer.WriteVarInt64(value.ResolveAt);
    }

    public override SequenceKeyState Deserialize(StateReader reader) =>
        new(reader.ReadString()!, StateFormat.ReadLabels(reader), reader.ReadVarInt64());
}

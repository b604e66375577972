using Flinq.Functions;
using Flinq.Monitor.Rules;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>Per (rule, group): last seen in processing time and the silence timer (see <see cref="AbsenceEvaluator"/>).</summary>
internal sealed class AbsenceFunction : KeyedBroadcastProcessFunction<string, AbsenceHeartbeat, RuleChange, RuleEvaluation>
{
    private static readonly ValueStateDescriptor<AbsenceKeyState> s_stateDescriptor = new("absence");
    private readonly long _intervalMs;
    private ValueState<AbsenceKeyState> _state = null!;

    public AbsenceFunction(long intervalMs) => _intervalMs = intervalMs;

    public override void Open() => _state = RuntimeContext.GetState(s_stateDescriptor);

    public override void ProcessElement(AbsenceHeartbeat value, IKeyedBroadcastReadOnlyContext<string> context, ICollector<RuleEvaluation> output)
    {
        var timers = context.TimerService;
        long now = timers.CurrentProcessingTime.Milliseconds;
        var state = _state.Value;
        if (state is null)
        {
            if (!context.GetBroadcastState(AbsenceEvaluator.RulesDescriptor).TryGetValue(value.Rule, out var rule))
            {
                return;
            }

            state = new AbsenceKeyState { Rule = value.Rule, Group = value.Group, LastSeen = now };
            Arm(state, now + (long)rule.Absence!.SilentFor.TotalMilliseconds, timers);
            _state.Update(state);
            return;
        }

        state.LastSeen = now;
        if (state.Absent)
        {
            state.Absent = false;
            output.Collect(new RuleEvaluation(state.Rule, state.Group, new Timestamp(now), 0, Active: false, NoData: false));
        }

        _state.Update(state);
    }

    public override void OnTimer(Timestamp timestamp, IKeyedBroadcastOnTimerContext<string> context, ICollector<RuleEvaluation> output)
    {
        var state = _state.Value;
        if (state is null || state.TimerAt != timestamp.Milliseconds)
        {
            return; // the state was cleared (rule deleted or changed) or the timer was superseded
        }

        if (!context.GetBroadcastState(AbsenceEvaluator.RulesDescriptor).TryGetValue(state.Rule, out var rule) || !rule.Enabled)
        {
            _state.Clear();
            return;
        }

        var timers = context.TimerService;
        long now = Math.Max(timestamp.Milliseconds, timers.CurrentProcessingTime.Milliseconds);
        long silentForMs = (long)rule.Absence!.SilentFor.TotalMilliseconds;
        long silence = now - state.LastSeen;
        long interval = silentForMs > 0 ? Math.Min(_intervalMs, silentForMs) : _intervalMs;
        var time = new Timestamp(now);
        if (silence >= silentForMs)
        {
            state.Absent = true;
            state.LastActiveAt = now;
            output.Collect(new RuleEvaluation(state.Rule, state.Group, time, silence / 1000.0, Active: true, NoData: false));
            Arm(state, now + interval, timers);
        }
        else if (state.LastActiveAt != long.MinValue && now - state.LastActiveAt <= (long)rule.KeepFiringFor.TotalMilliseconds + interval)
        {
            // Recovered recently: keep evaluating inactive so keep_firing_for can elapse in the lifecycle.
            output.Collect(new RuleEvaluation(state.Rule, state.Group, time, silence / 1000.0, Active: false, NoData: false));
            Arm(state, Math.Min(now + interval, state.LastSeen + silentForMs), timers);
        }
        else
        {
            Arm(state, state.LastSeen + silentForMs, timers);
        }

        _state.Update(state);
    }

    public override void ProcessBroadcastElement(RuleChange value, IKeyedBroadcastContext<string> context, ICollector<RuleEvaluation> output)
    {
        var rules = context.GetBroadcastState(AbsenceEvaluator.RulesDescriptor);
        rules.TryGetValue(value.Name, out var old);
        var rule = value.Rule is { Kind: RuleKind.Absence, Absence: not null, Enabled: true } r ? r : null;
        if (old is not null && (rule is null || !SameSpec(old.Absence!, rule.Absence!)))
        {
            context.ApplyToKeyedState(s_stateDescriptor, (key, state) =>
            {
                if (AlertLifecycle.IsKeyOf(key, value.Name))
                {
                    state.Clear();
                }
            });
        }

        if (rule is null)
        {
            rules.Remove(value.Name);
        }
        else
        {
            rules.Put(value.Name, rule);
        }
    }

    private static void Arm(AbsenceKeyState state, long due, ITimerService timers)
    {
        if (state.TimerAt == due)
        {
            return;
        }

        if (state.TimerAt != 0)
        {
            timers.DeleteProcessingTimeTimer(new Timestamp(state.TimerAt));
        }

        timers.RegisterProcessingTimeTimer(new Timestamp(due));
        state.TimerAt = due;
    }

    private static bool SameSpec(AbsenceSpec a, AbsenceSpec b) =>
        a.SilentFor == b.SilentFor && a.Selector.ToString() == b.Selector.ToString() && a.GroupBy.SequenceEqual(b.GroupBy, StringComparer.Ordinal);
}

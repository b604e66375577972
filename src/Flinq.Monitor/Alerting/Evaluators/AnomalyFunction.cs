using Flinq.Functions;
using Flinq.Monitor.Rules;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// Stage 2 of the anomaly evaluator, keyed by (rule, group). Samples wait in state until the watermark passes their
/// time plus the rule's evaluation delay, then are taken in event-time order (ties by series, then value): each is
/// compared with the baseline learned so far — active when at least <see cref="AnomalySpec.WarmUpSamples"/> samples
/// were learned and <c>|x − mean| &gt; k·σ</c> — and then learned:
/// <c>d = x − mean; mean += α·d; var = (1 − α)·(var + α·d²)</c> (the first sample sets mean = x, var = 0).
/// The emitted value is the sample itself; the evaluation's time is the sample's time.
/// </summary>
internal sealed class AnomalyFunction : KeyedBroadcastProcessFunction<(string Rule, ulong Group), RuleSample, RuleChange, RuleEvaluation>
{
    internal static readonly ValueStateDescriptor<AnomalyState> StateDescriptor = new("rule-anomaly");
    private readonly MapStateDescriptor<string, RuleChange> _rules;
    private ValueState<AnomalyState> _state = null!;
    private SortableSample[] _samples = [];

    public AnomalyFunction(MapStateDescriptor<string, RuleChange> rules) => _rules = rules;

    public override void Open()
    {
        _state = RuntimeContext.GetState(StateDescriptor);
        _samples = new SortableSample[64];
    }

    public override void ProcessElement(RuleSample value, IKeyedBroadcastReadOnlyContext<(string Rule, ulong Group)> context, ICollector<RuleEvaluation> output)
    {
        if (!context.GetBroadcastState(_rules).TryGetValue(value.Rule, out var change))
        {
            return;
        }

        if (value.Version < change.Version)
        {
            EvaluatorMetrics.Stale(value.Rule);
            return;
        }

        long delay = (long)change.Rule!.EvaluationDelay.TotalMilliseconds;
        long due = value.Time + delay;
        if (due <= context.TimerService.CurrentWatermark.Milliseconds)
        {
            EvaluatorMetrics.Late(value.Rule);
            return;
        }

        var state = _state.Value ?? new AnomalyState(new WindowState(value.Group));
        state.Pending.Add(value.Series, value.Time, value.Value);
        context.TimerService.RegisterEventTimeTimer(new Timestamp(due));
        _state.Update(state);
    }

    public override void ProcessBroadcastElement(RuleChange value, IKeyedBroadcastContext<(string Rule, ulong Group)> context, ICollector<RuleEvaluation> output) =>
        KeyedRuleChanges.Apply(value, RuleKind.Anomaly, context, _rules, StateDescriptor);

    public override void OnTimer(Timestamp timestamp, IKeyedBroadcastOnTimerContext<(string Rule, ulong Group)> context, ICollector<RuleEvaluation> output)
    {
        var state = _state.Value;
        if (state is null)
        {
            return;
        }

        if (!context.GetBroadcastState(_rules).TryGetValue(context.CurrentKey.Rule, out var change))
        {
            _state.Clear();
            return;
        }

        var rule = change.Rule!;
        var spec = rule.Anomaly!;
        long horizon = context.TimerService.CurrentWatermark.Milliseconds - (long)rule.EvaluationDelay.TotalMilliseconds;
        var pending = state.Pending;
        int n = 0;
        for (int i = 0; i < pending.Count; i++)
        {
            if (pending.Times[i] <= horizon)
            {
                if (n == _samples.Length)
                {
                    Array.Resize(ref _samples, n * 2);
                }

                _samples[n++] = new SortableSample { Series = pending.Series[i], Time = pending.Times[i], Value = pending.Values[i] };
            }
        }

        if (n == 0)
        {
            return;
        }

        // Event-time order first (SortableSample orders by series first, so sort with a time-first comparison).
        Array.Sort(_samples, 0, n, TimeFirst.Instance);
        for (int i = 0; i < n; i++)
        {
            double x = _samples[i].Value;
            bool active = false;
            if (state.Learned == 0)
            {
                state.Mean = x;
                state.Variance = 0;
            }
            else
            {
                double d = x - state.Mean;
                active = state.Learned >= spec.WarmUpSamples && Math.Abs(d) > spec.Deviations * Math.Sqrt(state.Variance);
                state.Mean += spec.Alpha * d;
                state.Variance = (1 - spec.Alpha) * (state.Variance + (spec.Alpha * d * d));
            }

            state.Learned++;
            output.Collect(new RuleEvaluation(rule.Name, state.Group, new Timestamp(_samples[i].Time), x, active, NoData: false));
        }

        pending.EvictBefore(horizon == long.MaxValue ? long.MaxValue : horizon + 1);
        _state.Update(state);
    }

    private sealed class TimeFirst : IComparer<SortableSample>
    {
        public static readonly TimeFirst Instance = new();

        public int Compare(SortableSample x, SortableSample y)
        {
            int c = x.Time.CompareTo(y.Time);
            if (c != 0)
            {
                return c;
            }

            c = x.Series.CompareTo(y.Series);
            return c != 0 ? c : x.Value.CompareTo(y.Value);
        }
    }
}

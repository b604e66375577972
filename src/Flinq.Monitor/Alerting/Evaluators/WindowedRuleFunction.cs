using Flinq.Functions;
using Flinq.Monitor.Rules;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// Stage 2 of the threshold and log evaluators, keyed by (rule, group): buffers the group's samples and, as the
/// watermark passes each window's end plus the rule's evaluation delay, reduces the window and emits a
/// <see cref="RuleEvaluation"/>. Windows are <c>[end − size, end)</c> with ends aligned to the slide (tumbling when
/// slide = size). A window without samples of a known group emits NoData (threshold) or an inactive count of 0 (log),
/// at most <see cref="MaxEmptyWindows"/> times in a row; then the group is forgotten (its state cleared). After a
/// restore, the empty windows before a group's first new sample are skipped, not reported as NoData: they passed while
/// the server was down (see <see cref="WindowState.Restored"/>).
/// </summary>
internal sealed class WindowedRuleFunction : KeyedBroadcastProcessFunction<(string Rule, ulong Group), RuleSample, RuleChange, RuleEvaluation>
{
    /// <summary>Empty windows reported for a known group before it is forgotten.</summary>
    public const int MaxEmptyWindows = 3;

    internal static readonly ValueStateDescriptor<WindowState> StateDescriptor = new("rule-window");
    private readonly RuleKind _kind;
    private readonly MapStateDescriptor<string, RuleChange> _rules;
    private ValueState<WindowState> _state = null!;
    private Dictionary<string, WindowRule> _compiled = null!;
    private SortableSample[] _samples = [];
    private double[] _values = [];
    private double[] _scratch = [];
    private long[] _times = [];

    // The earliest sample this instance received since it was opened (not checkpointed): after a restore, when the data
    // came back. A restored group without a new sample of its own is blind up to it (see OnTimer).
    private long _resumedAt = WindowState.NoEnd;

    public WindowedRuleFunction(RuleKind kind, MapStateDescriptor<string, RuleChange> rules)
    {
        _kind = kind;
        _rules = rules;
    }

    public override void Open()
    {
        _state = RuntimeContext.GetState(StateDescriptor);
        _compiled = new Dictionary<string, WindowRule>(StringComparer.Ordinal);
        _samples = new SortableSample[64];
        _values = new double[64];
        _scratch = new double[64];
        _times = new long[64];
        _resumedAt = WindowState.NoEnd;
    }

    public override void ProcessElement(RuleSample value, IKeyedBroadcastReadOnlyContext<(string Rule, ulong Group)> context, ICollector<RuleEvaluation> output)
    {
        var rule = Rule(value.Rule, context);
        if (rule is null)
        {
            return; // deleted or disabled since stage 1 matched it
        }

        if (value.Version < rule.Version)
        {
            EvaluatorMetrics.Stale(value.Rule);
            return;
        }

        long watermark = context.TimerService.CurrentWatermark.Milliseconds;
        var state = _state.Value;
        long lastEnd = rule.LastEnd(value.Time);
        // Late when every window holding the sample is due: a window is only ever evaluated once due, so windows not
        // due yet are still open even when they come before the group's next window (see below).
        if (rule.FireTime(lastEnd) <= watermark)
        {
            EvaluatorMetrics.Late(value.Rule);
            return;
        }

        state ??= new WindowState(value.Group);

        // The first window of this sample that is not yet due. It may come before the group's next window when the
        // sample arrived out of order (an earlier sample of a new group came second): those windows were never
        // evaluated (they are not due), so the group starts there.
        long end = rule.FirstEnd(value.Time);
        if (watermark != long.MinValue && rule.FireTime(end) <= watermark)
        {
            end = Math.Max(end, rule.FirstEndAfter(watermark));
        }

        if (state.NextEnd == WindowState.NoEnd || end < state.NextEnd)
        {
            state.NextEnd = end;
            context.TimerService.RegisterEventTimeTimer(new Timestamp(rule.FireTime(end)));
        }

        if (_resumedAt == WindowState.NoEnd || value.Time < _resumedAt)
        {
            _resumedAt = value.Time;
        }

        if (state.Restored && (state.ResumedAt == WindowState.NoEnd || value.Time < state.ResumedAt))
        {
            state.ResumedAt = value.Time;
        }

        state.Add(value.Series, value.Time, value.Value);
        _state.Update(state);
    }

    public override void ProcessBroadcastElement(RuleChange value, IKeyedBroadcastContext<(string Rule, ulong Group)> context, ICollector<RuleEvaluation> output)
    {
        if (KeyedRuleChanges.Apply(value, _kind, context, _rules, StateDescriptor))
        {
            _compiled.Remove(value.Name);
        }
    }

    public override void OnTimer(Timestamp timestamp, IKeyedBroadcastOnTimerContext<(string Rule, ulong Group)> context, ICollector<RuleEvaluation> output)
    {
        var state = _state.Value;
        if (state is null || state.NextEnd == WindowState.NoEnd)
        {
            return; // cleared by a rule change; the timer outlived it
        }

        var rule = Rule(context.CurrentKey.Rule, context);
        if (rule is null)
        {
            _state.Clear();
            return;
        }

        long watermark = context.TimerService.CurrentWatermark.Milliseconds;
        // After a restore, empty windows before the group's first new sample (without one: before the first sample of
        // any group, i.e. when the data came back; without any: up to the watermark) are skipped: they passed while the
        // server was down or lost their samples with the crash. Not evaluated, as Prometheus does not evaluate while it
        // is down; otherwise every firing alert would resolve (NoData) and fire again at each restart. (A watermark
        // can come before any new sample, e.g. when the source's generator resumes from its checkpointed state.)
        long resumed = state.ResumedAt != WindowState.NoEnd ? state.ResumedAt : _resumedAt;
        long blindUntil = !state.Restored ? long.MinValue : resumed != WindowState.NoEnd ? resumed : watermark;
        while (rule.FireTime(state.NextEnd) <= watermark)
        {
            long end = state.NextEnd;
            if (Evaluate(rule, state, end, output))
            {
                state.EmptyWindows = 0;
            }
            else if (end <= blindUntil)
            {
                if (state.Count == 0)
                {
                    if (watermark == long.MaxValue)
                    {
                        _state.Clear(); // the input ended: nothing can follow
                        return;
                    }

                    state.NextEnd = Math.Max(end + rule.Slide, rule.FirstEndAfter(watermark));
                    break;
                }

                state.NextEnd = Math.Max(end + rule.Slide, rule.FirstEnd(state.MinTime()));
                continue;
            }
            else if (++state.EmptyWindows <= MaxEmptyWindows)
            {
                output.Collect(rule.IsLog
                    ? new RuleEvaluation(rule.Name, state.Group, new Timestamp(end), 0, Active: false, NoData: false)
                    : new RuleEvaluation(rule.Name, state.Group, new Timestamp(end), double.NaN, Active: false, NoData: true));
            }
            else if (state.Count == 0)
            {
                _state.Clear(); // forgotten: a group that returns starts afresh
                return;
            }
            else
            {
                // Long gap before buffered future samples: jump to their first window instead of stepping through
                // every empty one (a watermark jump to the end of time must stay cheap).
                state.EmptyWindows = 0;
                state.NextEnd = Math.Max(end + rule.Slide, rule.FirstEnd(state.MinTime()));
                continue;
            }

            state.EvictBefore(end + rule.Slide - rule.Size);
            state.NextEnd = end + rule.Slide;
        }

        if (state.Restored && resumed != WindowState.NoEnd && state.NextEnd > resumed)
        {
            state.Restored = false; // past the downtime: empty windows from here on are NoData again
        }

        if (state.EmptyWindows >= MaxEmptyWindows && state.Count == 0)
        {
            _state.Clear();
            return;
        }

        context.TimerService.RegisterEventTimeTimer(new Timestamp(rule.FireTime(state.NextEnd)));
        _state.Update(state);
    }

    /// <summary>Reduces the window ending at <paramref name="end"/> and emits its evaluation; false when it holds no sample.</summary>
    private bool Evaluate(WindowRule rule, WindowState state, long end, ICollector<RuleEvaluation> output)
    {
        long start = end - rule.Size;
        int n = 0;
        for (int i = 0; i < state.Count; i++)
        {
            long t = state.Times[i];
            if (t >= start && t < end)
            {
                if (n == _samples.Length)
                {
                    Grow(n * 2);
                }

                _samples[n++] = new SortableSample { Series = state.Series[i], Time = t, Value = state.Values[i] };
            }
        }

        if (n == 0)
        {
            return false;
        }

        Array.Sort(_samples, 0, n);
        double value;
        bool defined;
        if (rule.Aggregation == Aggregation.Rate)
        {
            defined = Rate(n, start, end, out value);
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                _values[i] = _samples[i].Value;
            }

            defined = WindowMath.TryAggregate(rule.Aggregation, rule.Quantile, _values.AsSpan(0, n), _scratch, out value);
        }

        output.Collect(defined
            ? new RuleEvaluation(rule.Name, state.Group, new Timestamp(end), value, WindowMath.Compare(rule.Comparison, value, rule.Threshold), NoData: false)
            : new RuleEvaluation(rule.Name, state.Group, new Timestamp(end), double.NaN, Active: false, NoData: true));
        return true;
    }

    /// <summary>The sum over the group's series of each series' extrapolated rate; undefined when no series has two samples.</summary>
    private bool Rate(int n, long start, long end, out double sum)
    {
        sum = 0;
        bool any = false;
        int i = 0;
        while (i < n)
        {
            int j = i;
            ulong series = _samples[i].Series;
            while (j < n && _samples[j].Series == series)
            {
                _times[j - i] = _samples[j].Time;
                _values[j - i] = _samples[j].Value;
                j++;
            }

            double rate = WindowMath.ExtrapolatedRate(_times.AsSpan(0, j - i), _values.AsSpan(0, j - i), start, end);
            if (!double.IsNaN(rate) || j - i >= 2)
            {
                sum += rate;
                any = true;
            }

            i = j;
        }

        return any;
    }

    private void Grow(int size)
    {
        Array.Resize(ref _samples, size);
        Array.Resize(ref _values, size);
        Array.Resize(ref _scratch, size);
        Array.Resize(ref _times, size);
    }

    private WindowRule? Rule(string name, IBroadcastReadOnlyContext context)
    {
        if (!context.GetBroadcastState(_rules).TryGetValue(name, out var change))
        {
            return null;
        }

        if (_compiled.TryGetValue(name, out var rule) && ReferenceEquals(rule.Change, change))
        {
            return rule;
        }

        rule = new WindowRule(change, RuleDefinitions.Relevant(change, _kind)!);
        _compiled[name] = rule;
        return rule;
    }
}

using Flinq.Functions;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>The keyed state machine behind <see cref="AlertLifecycle"/> (see its remarks for the semantics).</summary>
internal sealed class AlertLifecycleFunction : KeyedBroadcastProcessFunction<string, RuleEvaluation, RuleChange, Alert>
{
    private static readonly ValueStateDescriptor<AlertKeyState> s_stateDescriptor = new("alert");
    private readonly long _resendMs;
    private readonly int _endsAtFactor;
    private ValueState<AlertKeyState> _state = null!;
    private Dictionary<string, CompiledAnnotations> _templates = null!;

    public AlertLifecycleFunction(TimeSpan resendDelay, int endsAtFactor)
    {
        _resendMs = (long)resendDelay.TotalMilliseconds;
        _endsAtFactor = endsAtFactor;
    }

    public override void Open()
    {
        _state = RuntimeContext.GetState(s_stateDescriptor);
        _templates = new Dictionary<string, CompiledAnnotations>(StringComparer.Ordinal);
    }

    public override void ProcessElement(RuleEvaluation value, IKeyedBroadcastReadOnlyContext<string> context, ICollector<Alert> output)
    {
        var rules = context.GetBroadcastState(AlertLifecycle.RulesDescriptor);
        if (!rules.TryGetValue(value.Rule, out var rule) || !rule.Enabled)
        {
            return; // an evaluation racing a delete or disable: the rule raises nothing
        }

        var state = _state.Value;
        if (state is not null && value.Time < state.LastEvaluationAt)
        {
            return; // older than what this alert already saw
        }

        bool active = value.Active;
        double v = value.Value;
        if (value.NoData)
        {
            switch (rule.NoData)
            {
                case NoDataPolicy.Ok:
                    active = false;
                    break;
                case NoDataPolicy.KeepState:
                    if (state is not null)
                    {
                        Touch(state, value.Time);
                        if (state.State == AlertState.Firing)
                        {
                            MaybeResend(rule, state, value.Time, context, output);
                        }

                        _state.Update(state);
                    }

                    return;
                default:
                    active = true;
                    v = double.NaN;
                    break;
            }
        }

        if (active)
        {
            OnActive(rule, value, v, state, context, output);
        }
        else if (state is not null)
        {
            OnInactive(rule, value.Time, v, state, context, output);
        }
    }

    public override void ProcessBroadcastElement(RuleChange value, IKeyedBroadcastContext<string> context, ICollector<Alert> output)
    {
        var rules = context.GetBroadcastState(AlertLifecycle.RulesDescriptor);
        rules.TryGetValue(value.Name, out var old);
        if (old is not null && _templates.TryGetValue(value.Name, out var held) && held.Version > value.Version)
        {
            return; // stale
        }

        var rule = value.Rule;
        bool identityChanged = old is not null && rule is not null &&
            (!string.Equals(old.Severity, rule.Severity, StringComparison.Ordinal) || !SameLabels(old.Labels, rule.Labels));
        if (old is not null && (rule is null || !rule.Enabled || identityChanged))
        {
            ResolveAll(value.Name, old, context, output);
        }

        if (rule is null)
        {
            rules.Remove(value.Name);
            _templates.Remove(value.Name);
        }
        else
        {
            rules.Put(value.Name, rule);
            _templates[value.Name] = new CompiledAnnotations(rule, value.Version);
        }
    }

    private void OnActive(AlertRule rule, RuleEvaluation e, double value, AlertKeyState? state, IKeyedBroadcastReadOnlyContext<string> context, ICollector<Alert> output)
    {
        var t = e.Time;
        if (state is null)
        {
            var labels = AlertLifecycle.AlertLabels(rule, e.Group);
            state = new AlertKeyState { State = AlertState.Pending, Labels = labels, ActiveAt = t, LastEvaluationAt = t, Value = value };
            state.LastActiveAt = t;
            state.Annotations = Render(rule, labels, value);
            if (rule.For <= TimeSpan.Zero)
            {
                Fire(rule, state, t, AlertState.Inactive, context, output);
            }
            else
            {
                Change(context, rule, state, t, AlertState.Inactive, AlertState.Pending);
            }

            _state.Update(state);
            return;
        }

        Touch(state, t);
        state.LastActiveAt = t;
        state.Value = value;
        if (state.State == AlertState.Pending)
        {
            if (t - state.ActiveAt >= rule.For)
            {
                state.Annotations = Render(rule, state.Labels, value);
                Fire(rule, state, t, AlertState.Pending, context, output);
            }
        }
        else
        {
            MaybeResend(rule, state, t, context, output);
        }

        _state.Update(state);
    }

    private void OnInactive(AlertRule rule, Timestamp t, double value, AlertKeyState state, IKeyedBroadcastReadOnlyContext<string> context, ICollector<Alert> output)
    {
        Touch(state, t);
        state.Value = value;
        if (state.State == AlertState.Pending)
        {
            Change(context, rule, state, t, AlertState.Pending, AlertState.Inactive);
            _state.Clear();
            return;
        }

        if (rule.KeepFiringFor > TimeSpan.Zero && t - state.LastActiveAt < rule.KeepFiringFor)
        {
            MaybeResend(rule, state, t, context, output);
            _state.Update(state);
            return;
        }

        state.Annotations = Render(rule, state.Labels, value);
        output.Collect(ToAlert(state, t, t));
        Change(context, rule, state, t, AlertState.Firing, AlertState.Resolved);
        _state.Clear();
    }

    private void Fire(AlertRule rule, AlertKeyState state, Timestamp t, AlertState from, IProcessContext context, ICollector<Alert> output)
    {
        state.State = AlertState.Firing;
        state.FiredAt = t;
        state.LastSentAt = t;
        output.Collect(ToAlert(state, EndsAt(state, t), t));
        Change(context, rule, state, t, from, AlertState.Firing);
    }

    private void MaybeResend(AlertRule rule, AlertKeyState state, Timestamp t, IProcessContext context, ICollector<Alert> output)
    {
        if (t.Milliseconds - state.LastSentAt.Milliseconds < _resendMs)
        {
            return;
        }

        state.LastSentAt = t;
        state.Annotations = Render(rule, state.Labels, state.Value);
        output.Collect(ToAlert(state, EndsAt(state, t), t));
        Change(context, rule, state, t, AlertState.Firing, AlertState.Firing);
    }

    private void ResolveAll(string ruleName, AlertRule rule, IKeyedBroadcastContext<string> context, ICollector<Alert> output)
    {
        context.ApplyToKeyedState(s_stateDescriptor, (key, keyed) =>
        {
            if (!AlertLifecycle.IsKeyOf(key, ruleName) || keyed.Value is not { } state)
            {
                return;
            }

            var t = state.LastEvaluationAt;
            if (state.State == AlertState.Firing)
            {
                output.Collect(ToAlert(state, t, t));
                Change(context, rule, state, t, AlertState.Firing, AlertState.Resolved);
            }
            else
            {
                Change(context, rule, state, t, AlertState.Pending, AlertState.Inactive);
            }

            keyed.Clear();
        });
    }

    private static void Touch(AlertKeyState state, Timestamp t)
    {
        if (state.LastEvaluationAt.HasValue && t > state.LastEvaluationAt)
        {
            state.EvaluationGapMs = t.Milliseconds - state.LastEvaluationAt.Milliseconds;
        }

        state.LastEvaluationAt = t;
    }

    private Timestamp EndsAt(AlertKeyState state, Timestamp t) => t.AddMilliseconds(_endsAtFactor * Math.Max(_resendMs, state.EvaluationGapMs));

    private static Alert ToAlert(AlertKeyState state, Timestamp endsAt, Timestamp t) => new()
    {
        Labels = state.Labels,
        Annotations = state.Annotations,
        StartsAt = state.FiredAt,
        EndsAt = endsAt,
        UpdatedAt = t,
    };

    private static void Change(IProcessContext context, AlertRule rule, AlertKeyState state, Timestamp t, AlertState from, AlertState to) =>
        context.Output(AlertLifecycle.StateChanges, new AlertStateChange(t, rule.Name, state.Labels, state.Annotations, from, to, state.Value, state.ActiveAt, state.FiredAt));

    private Labels Render(AlertRule rule, Labels labels, double value)
    {
        if (rule.Annotations.Count == 0)
        {
            return Labels.Empty;
        }

        if (!_templates.TryGetValue(rule.Name, out var compiled) || !ReferenceEquals(compiled.Rule, rule))
        {
            // After a restore the rules come from broadcast state, without the version seen: compile on first use.
            compiled = new CompiledAnnotations(rule, compiled?.Version ?? long.MinValue);
            _templates[rule.Name] = compiled;
        }

        return compiled.Render(labels, value);
    }

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A rule's annotation templates, parsed once; a template that does not parse renders its error.</summary>
    private sealed class CompiledAnnotations
    {
        private readonly (string Name, AnnotationTemplate? Template, string? Error)[] _templates;
        private readonly string _threshold;

        public CompiledAnnotations(AlertRule rule, long version)
        {
            Rule = rule;
            Version = version;
            _threshold = AlertLifecycle.ThresholdText(rule);
            _templates = rule.Annotations.Select(p => AnnotationTemplate.TryParse(p.Value, out var t, out var error)
                ? (p.Key, t, (string?)null)
                : (p.Key, (AnnotationTemplate?)null, "template error: " + error)).ToArray();
        }

        public AlertRule Rule { get; }

        public long Version { get; }

        public Labels Render(Labels labels, double value)
        {
            var builder = new LabelsBuilder();
            foreach (var (name, template, error) in _templates)
            {
                string text = template?.Render(labels, value, _threshold) ?? error!;
                if (text.Length > 0)
                {
                    builder.Set(name, text);
                }
            }

            return builder.Build();
        }
    }
}

using System.Globalization;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// The alert state machine of the rule jobs: turns <see cref="RuleEvaluation"/>s into <see cref="Alert"/>s for the
/// notification pipeline, keyed by (rule, group), with the rules arriving as <see cref="RuleChange"/>s through
/// broadcast state.
/// </summary>
/// <remarks>
/// <para><b>States</b> per (rule, group): inactive → pending (active, <c>for</c> not yet elapsed) → firing → resolved →
/// inactive. Durations are measured between evaluation <see cref="RuleEvaluation.Time"/>s, never on a clock, as in
/// Prometheus: an active evaluation at <c>t</c> fires a pending alert once <c>t − activeAt ≥ for</c>; <c>for: 0</c>
/// fires on the first active evaluation. A firing alert whose condition stops holding keeps firing while
/// <c>t − lastActive &lt; keep_firing_for</c> (counted from the last <i>active</i> evaluation — Prometheus counts from
/// the first inactive one, one evaluation interval later) and then resolves. A pending alert whose condition stops
/// holding goes back to inactive at once (flapping restarts <c>for</c>). Evaluations older than the key's last one are
/// ignored; equal times are processed in arrival order. The lifecycle resolves only on evaluations: evaluators emit
/// them regularly (the absence and sequence evaluators emit the inactive evaluations that resolve their alerts).</para>
/// <para><b>No data</b> (<see cref="RuleEvaluation.NoData"/>): <see cref="NoDataPolicy.Ok"/> treats it as inactive,
/// <see cref="NoDataPolicy.KeepState"/> changes nothing (a firing alert is still re-sent), <see cref="NoDataPolicy.Alerting"/>
/// treats it as active with value NaN.</para>
/// <para><b>Alerts sent</b>: labels = group labels, overridden by the rule's labels, then <c>severity</c>, then
/// <c>alertname</c>; annotations rendered from the rule's templates (<see cref="AnnotationTemplate"/>) with the alert's
/// labels, the value and <c>$threshold</c> (threshold rules: the threshold; log: min count; anomaly: deviations; absence:
/// silent_for in seconds; sequence: empty). On firing, and again on each evaluation at least
/// <see cref="AlertLifecycleOptions.ResendDelay"/> after the last send, the alert goes out with <see cref="Alert.StartsAt"/>
/// = when it fired and <see cref="Alert.EndsAt"/> = <c>t + 4 × max(resend delay, evaluation interval)</c> (Prometheus'
/// scheme, so Alertmanager resolves it by itself if Flinq stops sending). On resolve it goes out once with
/// <see cref="Alert.EndsAt"/> = the resolving evaluation's time. Once, not repeated for 15 minutes as Prometheus does:
/// Prometheus repeats because its HTTP sends to Alertmanager may be lost, while Flinq's notification pipeline is part of
/// the same checkpointed job, so the record is delivered exactly once.</para>
/// <para><b>Rule changes</b>: deleting or disabling a rule, or changing its <c>severity</c> or labels (which changes the
/// alerts' identity), clears the state of every group of the rule and sends a resolved alert for each firing one (so
/// notifications resolve) with <see cref="Alert.EndsAt"/> = that group's last evaluation time. Changes with a
/// <see cref="RuleChange.Version"/> older than the one held are ignored. Other changes (for, annotations...) keep the
/// state and apply from the next evaluation.</para>
/// <para><b>State changes</b> (every transition, and a refresh with <c>From == To == Firing</c> at each re-send) go to the
/// side output <see cref="StateChanges"/>, for the alert state view and the history.</para>
/// <para><b>Checkpoints</b>: keyed state and rules are checkpointed (binary serializers registered by
/// <see cref="AlertingSerializers"/>), so a restore neither loses a firing alert nor fires it again.</para>
/// </remarks>
public static class AlertLifecycle
{
    /// <summary>The side output of state changes of the stream <see cref="Apply"/> returns.</summary>
    public static readonly OutputTag<AlertStateChange> StateChanges = new("alert-state-changes");

    /// <summary>The broadcast state holding the rules.</summary>
    internal static readonly MapStateDescriptor<string, AlertRule> RulesDescriptor = new("alert-lifecycle-rules");

    /// <summary>
    /// Builds the lifecycle. Read state changes with <c>result.GetSideOutput(AlertLifecycle.StateChanges)</c>.
    /// The operator's uid is <c>alert-lifecycle</c>.
    /// </summary>
    public static DataStream<Alert> Apply(DataStream<RuleEvaluation> evaluations, DataStream<RuleChange> rules, AlertLifecycleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        ArgumentNullException.ThrowIfNull(rules);
        options ??= new AlertLifecycleOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ResendDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.EndsAtFactor);
        AlertingSerializers.Register(evaluations.Environment.Options.Serializers);
        return evaluations
            .KeyBy(e => Key(e.Rule, e.Group))
            .Connect(rules.Broadcast(RulesDescriptor))
            .Process(new AlertLifecycleFunction(options.ResendDelay, options.EndsAtFactor))
            .Name("Alert lifecycle")
            .Uid("alert-lifecycle");
    }

    /// <summary>The key of a (rule, group): the rule name, a NUL, the group fingerprint in hex.</summary>
    internal static string Key(string rule, Labels group) => rule + "\0" + Alert.FormatFingerprint(group.Fingerprint);

    /// <summary>Whether <paramref name="key"/> belongs to <paramref name="rule"/>.</summary>
    internal static bool IsKeyOf(string key, string rule) =>
        key.Length == rule.Length + 17 && key[rule.Length] == '\0' && key.StartsWith(rule, StringComparison.Ordinal);

    /// <summary>The alert's labels for a group of a rule (see the remarks of <see cref="AlertLifecycle"/>).</summary>
    public static Labels AlertLabels(AlertRule rule, Labels group)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(group);
        var builder = new LabelsBuilder();
        foreach (var label in group.AsSpan())
        {
            builder.Set(label.Name, label.Value);
        }

        foreach (var (name, value) in rule.Labels)
        {
            if (value.Length == 0)
            {
                builder.Remove(name);
            }
            else
            {
                builder.Set(name, value);
            }
        }

        if (rule.Severity.Length > 0)
        {
            builder.Set("severity", rule.Severity);
        }

        builder.Set("alertname", rule.Name);
        return builder.Build();
    }

    /// <summary>What <c>{{ $threshold }}</c> renders for <paramref name="rule"/>.</summary>
    public static string ThresholdText(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Kind switch
        {
            RuleKind.Threshold when rule.Threshold is { } t => AnnotationTemplate.FormatValue(t.Threshold),
            RuleKind.Log when rule.Log is { } l => l.MinCount.ToString(CultureInfo.InvariantCulture),
            RuleKind.Anomaly when rule.Anomaly is { } a => AnnotationTemplate.FormatValue(a.Deviations),
            RuleKind.Absence when rule.Absence is { } s => AnnotationTemplate.FormatValue(s.SilentFor.TotalSeconds),
            _ => string.Empty,
        };
    }
}

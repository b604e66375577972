using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// The evaluator of absence rules (<see cref="AbsenceSpec"/>): a group (e.g. a host) that sent no selected series for
/// <c>silent_for</c> is active, in <b>processing time</b>, so it fires even when every source goes silent at once
/// (event time would stand still then).
/// </summary>
/// <remarks>
/// <para>Per (rule, group), keyed state holds the processing time the group was last seen and one processing-time
/// timer. A sample only updates the last-seen time (no timer churn per sample); the timer, due at
/// <c>lastSeen + silent_for</c>, re-arms itself when the group reported meanwhile, and otherwise emits an active
/// evaluation (value = seconds of silence) and then one every <see cref="AbsenceEvaluatorOptions.EvaluationInterval"/>
/// while the silence lasts. The first sample after a silence emits an inactive evaluation at once, and inactive
/// evaluations follow each interval until <c>keep_firing_for</c> plus one interval has passed since the last active one,
/// so the lifecycle can resolve. Healthy groups emit nothing.</para>
/// <para>A group is known once it reported at least once since the rule was created; a group that never reported is
/// not absent. Deleting, disabling or changing the spec of a rule clears its groups. Evaluation times are the
/// processing time of the job's <see cref="TimeProvider"/> (<see cref="StreamExecutionOptions.TimeProvider"/>). Input
/// samples need no timestamps.</para>
/// </remarks>
public static class AbsenceEvaluator
{
    internal static readonly MapStateDescriptor<string, AlertRule> RulesDescriptor = new("absence-rules");

    /// <summary>Builds the evaluator (operator uids <c>absence-router</c> and <c>absence-evaluator</c>).</summary>
    public static DataStream<RuleEvaluation> Apply(DataStream<MetricPoint> metrics, DataStream<RuleChange> rules, AbsenceEvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(rules);
        options ??= new AbsenceEvaluatorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.EvaluationInterval, TimeSpan.Zero);
        AlertingSerializers.Register(metrics.Environment.Options.Serializers);
        var broadcast = rules.Broadcast(RulesDescriptor);
        return metrics
            .Connect(broadcast)
            .Process(new AbsenceRouter())
            .Name("Absence router")
            .Uid("absence-router")
            .KeyBy(h => AlertLifecycle.Key(h.Rule, h.Group))
            .Connect(broadcast)
            .Process(new AbsenceFunction((long)options.EvaluationInterval.TotalMilliseconds))
            .Name("Absence evaluator")
            .Uid("absence-evaluator");
    }
}

/// <summary>A sign of life of one group of one absence rule.</summary>
internal readonly record struct AbsenceHeartbeat(string Rule, Labels Group);

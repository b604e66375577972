using Flinq.Monitor.Alerting.Evaluators;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// Evaluates the log rules (<see cref="RuleKind.Log"/>): counts the matching records per group and window, active
/// when the count reaches <see cref="LogSpec.MinCount"/>.
/// </summary>
/// <remarks>
/// Same shape and windows as <see cref="ThresholdEvaluator"/> (uids <c>log-match</c>, <c>log-window</c>): a record
/// matches when its severity number is at least <see cref="LogSpec.MinSeverity"/>, its body contains
/// <see cref="LogSpec.Contains"/> (ordinal), its fields match the matchers (<c>service</c>, <c>host</c>,
/// <c>severity</c> as TRACE…FATAL, else attributes) and its body matches <see cref="LogSpec.Pattern"/> (unanchored).
/// Each window with matches emits <c>RuleEvaluation(rule, group, end, count, count ≥ min_count)</c>; a known group's
/// window without matches emits count 0, inactive (so alerts resolve), up to three in a row, then the group is
/// forgotten. Late records are dropped and counted.
/// </remarks>
public static class LogEvaluator
{
    /// <summary>Connects <paramref name="logs"/> with <paramref name="rules"/> (broadcast twice) and returns the evaluations.</summary>
    public static DataStream<RuleEvaluation> Apply(DataStream<LogRecord> logs, DataStream<RuleChange> rules)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(rules);
        rules = RuleStreams.WithoutWatermarkHold(rules, "log");
        EvaluatorSerializers.Register(logs.Environment);
        var matchRules = new MapStateDescriptor<string, RuleChange>("log-rules");
        var windowRules = new MapStateDescriptor<string, RuleChange>("log-rules");
        var samples = logs.Connect(rules.Broadcast(matchRules))
            .Process(new LogRuleMatcher(matchRules)).Name("Log Rule Match").Uid("log-match");
        return samples.KeyBy(s => s.Key).Connect(rules.Broadcast(windowRules))
            .Process(new WindowedRuleFunction(RuleKind.Log, windowRules)).Name("Log Rule Window").Uid("log-window");
    }
}

using System.Text.Json;
using Flinq.Cep.Dynamic;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// The evaluator of sequence rules (<see cref="SequenceSpec"/>), in event time, on Flinq.Cep's dynamic patterns
/// (<see cref="DynamicCep"/>): each rule becomes one pattern, changed at run time through broadcast like the rules.
/// </summary>
/// <remarks>
/// <para><b>How</b>: a router (broadcast rules) checks every metric sample and log record against each enabled sequence
/// rule's steps — with the exact semantics of <see cref="MetricSelector"/>, <see cref="LabelMatcher"/> and
/// <see cref="LogSpec"/> (min severity, contains, regex, matchers; its window and count are ignored) — and, when at least
/// one step matches, emits a small JSON event keyed by (rule, group) that says which steps it satisfies. The rule's
/// pattern is <c>step0 followedBy step1 ...</c> (<c>next</c> when strict; <c>times(n)</c> for a repeated step, consecutive
/// when strict), <c>within</c>, skip past the last event, whose conditions test those flags and the rule's name (so
/// another rule's pattern never matches on this key). Strict contiguity therefore means "no other event that matches a
/// step of the rule in between"; telemetry that matches no step is not part of the sequence.</para>
/// <para><b>Output</b>: each completed match gives an active evaluation at the match's last event time (value: the last
/// event's metric value, NaN for a log) and an inactive one at <c>last + keep_firing_for</c> (an event-time timer), or at
/// once when <c>keep_firing_for</c> is zero — so the alert fires (for <c>for: 0</c>) and resolves after
/// <c>keep_firing_for</c>. A new match before that moves the inactive evaluation. With <c>for</c> &gt; 0 an alert only fires
/// if matches keep it active that long. Because this runs in event time, the inactive evaluation waits for the
/// watermark: if all telemetry stops, a sequence alert stays firing until data (and the watermark) moves again.</para>
/// <para><b>Inputs</b>: <paramref name="metrics"/> and <paramref name="logs"/> must carry event-time timestamps and
/// watermarks; the rule stream needs none (it gets a maximal watermark so it never holds event time back).</para>
/// </remarks>
public static class SequenceEvaluator
{
    internal static readonly MapStateDescriptor<string, AlertRule> RulesDescriptor = new("sequence-rules");

    /// <summary>Builds the evaluator (operator uids <c>sequence-router</c>, <c>sequence-cep</c>, <c>sequence-evaluator</c>).</summary>
    public static DataStream<RuleEvaluation> Apply(DataStream<MetricPoint> metrics, DataStream<LogRecord> logs, DataStream<RuleChange> rules)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(rules);
        AlertingSerializers.Register(metrics.Environment.Options.Serializers);
        var timedRules = rules
            .AssignTimestampsAndWatermarks(WatermarkStrategy<RuleChange>.ForGenerator(_ => new MaxWatermarkGenerator()))
            .Name("Sequence rules (no event-time hold)");
        var inputs = metrics.Map(m => new SequenceInput(m, null)).Name("Metrics for sequences")
            .Union(logs.Map(l => new SequenceInput(default, l)).Name("Logs for sequences"));
        var events = inputs
            .Connect(timedRules.Broadcast(RulesDescriptor))
            .Process(new SequenceRouter())
            .Name("Sequence router")
            .Uid("sequence-router")
            .KeyBy(e => e.GetProperty(SequencePatterns.KeyField).GetString()!);
        var patterns = timedRules.Map(SequencePatterns.ToPatternRule).Name("Sequence patterns");
        return DynamicCep.Patterns(events, patterns)
            .Name("Sequence CEP")
            .Uid("sequence-cep")
            .KeyBy(m => m.Key)
            .Process(new SequenceMatchFunction())
            .Name("Sequence evaluator")
            .Uid("sequence-evaluator");
    }

    /// <summary>Holds no event time back: the rule stream is idle for good (see <c>RuleStreams</c> for why not a MAX watermark).</summary>
    private sealed class MaxWatermarkGenerator : IWatermarkGenerator<RuleChange>
    {
        public void OnEvent(RuleChange value, Timestamp timestamp, IWatermarkOutput output)
        {
        }

        public void OnPeriodicEmit(IWatermarkOutput output) => output.MarkIdle();
    }
}

/// <summary>A metric sample or a log record on its way to the sequence router.</summary>
internal sealed record SequenceInput(MetricPoint Metric, LogRecord? Log);

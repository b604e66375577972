using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// One sample matched to one rule by stage 1 (the matcher), on its way to stage 2 (keyed by
/// (<see cref="Rule"/>, <see cref="GroupKey"/>)).
/// </summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Version">The <see cref="Rules.RuleChange.Version"/> of the definition the sample was matched with; stage 2 drops samples older than its own copy.</param>
/// <param name="GroupKey">The fingerprint of <paramref name="Group"/>.</param>
/// <param name="Group">The group's labels.</param>
/// <param name="Series">The series fingerprint (rate is computed per series).</param>
/// <param name="Time">Event time, epoch milliseconds.</param>
/// <param name="Value">The sample value (1 for a matching log record).</param>
internal readonly record struct RuleSample(string Rule, long Version, ulong GroupKey, Labels Group, ulong Series, long Time, double Value)
{
    /// <summary>The key of stage 2: rule name and group fingerprint (a value tuple, so key groups hash it stably).</summary>
    public (string Rule, ulong Group) Key => (Rule, GroupKey);
}

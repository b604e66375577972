using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// One evaluation of one rule for one group: what every rule kind's evaluator emits and the alert lifecycle
/// (pending → firing → resolved, <c>for</c>, <c>keep_firing_for</c>, no-data policy) consumes, keyed by
/// (<see cref="Rule"/>, <see cref="Group"/>).
/// </summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Group">The group's labels (the rule's group_by labels with the group's values); empty for an ungrouped rule.</param>
/// <param name="Time">When the evaluation holds: a window's end in event time, or the processing time of an absence check.</param>
/// <param name="Value">The value compared (the aggregate, the count, the deviation...); NaN when there was no data.</param>
/// <param name="Active">Whether the rule's condition holds for the group at <paramref name="Time"/>.</param>
/// <param name="NoData">True when the group had no data for this evaluation (the rule's no-data policy decides).</param>
public readonly record struct RuleEvaluation(string Rule, Labels Group, Timestamp Time, double Value, bool Active, bool NoData);

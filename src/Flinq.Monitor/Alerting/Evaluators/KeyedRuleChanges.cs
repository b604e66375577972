using Flinq.Functions;
using Flinq.Monitor.Rules;
using Flinq.State;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>How a stage-2 function keyed by (rule, group) takes a broadcast rule change; one place for every such evaluator.</summary>
internal static class KeyedRuleChanges
{
    /// <summary>
    /// Applies <paramref name="change"/> to the rule map state <paramref name="rules"/> (<see cref="RuleDefinitions.Apply"/>:
    /// a change older than the definition held is ignored); when it changes what the rule evaluates
    /// (<see cref="RuleDefinitions.MustClear"/>), clears <paramref name="state"/> under every key of the rule on this
    /// instance. Counts the change as received (<see cref="EvaluatorMetrics.Applied"/>) whatever the outcome.
    /// </summary>
    /// <returns>Whether the change was applied, i.e. the rule's definition on this instance may have changed.</returns>
    public static bool Apply<T>(
        RuleChange change,
        RuleKind kind,
        IKeyedBroadcastContext<(string Rule, ulong Group)> context,
        MapStateDescriptor<string, RuleChange> rules,
        ValueStateDescriptor<T> state)
    {
        try
        {
            if (!RuleDefinitions.Apply(context.GetBroadcastState(rules), change, kind, out var previous))
            {
                return false;
            }

            if (RuleDefinitions.MustClear(previous, change, kind))
            {
                string name = change.Name;
                context.ApplyToKeyedState(state, (key, keyed) =>
                {
                    if (string.Equals(key.Rule, name, StringComparison.Ordinal))
                    {
                        keyed.Clear();
                    }
                });
            }

            return true;
        }
        finally
        {
            EvaluatorMetrics.Applied(change.Name);
        }
    }
}

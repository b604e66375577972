using System.Text.Json;
using Flinq.Cep.Operators;
using Flinq.Runtime.Graph;

namespace Flinq.Cep.Dynamic;

/// <summary>
/// CEP with patterns managed at run time: patterns written as <see cref="PatternDefinition"/> JSON arrive on a rule
/// stream (broadcast to every parallel instance) and are added, replaced or removed by id while the job runs. Matches
/// and timed-out partial matches of every pattern come out as <see cref="PatternMatch"/> records.
/// </summary>
public static class DynamicCep
{
    /// <summary>
    /// Applies the patterns of <paramref name="rules"/> to <paramref name="events"/>. In event time (the default) the
    /// operator's watermark is the minimum of both inputs: give the rule stream watermarks (or idleness) if it stays
    /// open, or the events will wait for it.
    /// </summary>
    public static DataStream<PatternMatch> Patterns<TKey>(KeyedStream<TKey, JsonElement> events, DataStream<PatternRule> rules, bool eventTime = true)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(rules);
        var keySelector = events.KeySelector;
        var broadcast = rules.Broadcast();
        return new DataStream<PatternMatch>(events.Environment, events.Register(new TwoInputTransformation<JsonElement, PatternRule, PatternMatch>(
            "DynamicCepOperator", events.Transformation, broadcast.Transformation, () => new DynamicCepOperator<TKey>(keySelector, eventTime))));
    }
}

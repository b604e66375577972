using Flinq.Functions;

namespace Flinq.Cep;

/// <summary>
/// Handles the matches of a pattern (Flink's <c>PatternProcessFunction</c>). A match maps each pattern element's name
/// to its events, in pattern order (elements that took no event, such as skipped optional ones, are absent). Implement
/// <see cref="ITimedOutPartialMatchHandler{T}"/> as well to handle partial matches that timed out (patterns with
/// <c>Within</c>). Each parallel instance works on its own copy; called from the task's thread only.
/// </summary>
public abstract class PatternProcessFunction<T, TOut> : RichFunction
{
    /// <summary>Called once per match, in the order the after-match skip strategy releases them.</summary>
    public abstract void ProcessMatch(IReadOnlyDictionary<string, IReadOnlyList<T>> match, IPatternProcessContext context, ICollector<TOut> output);
}

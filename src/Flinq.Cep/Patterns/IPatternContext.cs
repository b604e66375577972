namespace Flinq.Cep.Patterns;

/// <summary>
/// What an iterative condition sees: the events already accepted by the partial match the candidate event would
/// extend (Flink's <c>IterativeCondition.Context</c>). Valid only during the condition call.
/// </summary>
public interface IPatternContext<T>
{
    /// <summary>The events of the partial match accepted by the pattern element <paramref name="name"/>, in order.</summary>
    IReadOnlyList<T> GetEventsForPattern(string name);

    /// <summary>The timestamp of the event being tested (event time, or processing time in processing-time mode).</summary>
    long Timestamp { get; }
}

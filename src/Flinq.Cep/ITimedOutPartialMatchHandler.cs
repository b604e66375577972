namespace Flinq.Cep;

/// <summary>
/// Implemented by a <see cref="PatternProcessFunction{T, TOut}"/> that wants the partial matches dropped because the
/// pattern's window passed (Flink's <c>TimedOutPartialMatchHandler</c>); emit them through
/// <see cref="IPatternProcessContext.Output{TSide}"/> to a side output.
/// </summary>
public interface ITimedOutPartialMatchHandler<T>
{
    /// <summary>Called once per timed-out partial match, with its events so far.</summary>
    void ProcessTimedOutMatch(IReadOnlyDictionary<string, IReadOnlyList<T>> match, IPatternProcessContext context);
}

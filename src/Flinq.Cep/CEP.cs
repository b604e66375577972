using Flinq.Cep.Patterns;

namespace Flinq.Cep;

/// <summary>Entry point of the CEP library (Flink's <c>CEP</c>): applies a pattern to a keyed stream.</summary>
public static class CEP
{
    /// <summary>
    /// Detects <paramref name="pattern"/> per key of <paramref name="input"/>. The pattern is compiled now (invalid
    /// patterns throw here); finish with <see cref="PatternStream{TKey, T}.Process{TOut}"/> or a <c>Select</c>.
    /// Event time by default (the input needs timestamps and watermarks).
    /// </summary>
    public static PatternStream<TKey, T> Pattern<TKey, T>(KeyedStream<TKey, T> input, Pattern<T> pattern)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(pattern);
        return new PatternStream<TKey, T>(input, Nfa.NfaCompiler<T>.Compile(pattern));
    }
}

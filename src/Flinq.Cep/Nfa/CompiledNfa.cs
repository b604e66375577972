using Flinq.Cep.Patterns;

namespace Flinq.Cep.Nfa;

/// <summary>The immutable result of <see cref="NfaCompiler{T}"/>: states, the start state, window and skip strategy.</summary>
internal sealed record CompiledNfa<T>(NfaState<T>[] States, NfaState<T> Start, long WindowMs, AfterMatchSkipStrategy SkipStrategy, string[] PatternNames);

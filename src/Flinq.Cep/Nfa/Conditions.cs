using Flinq.Cep.Patterns;

namespace Flinq.Cep.Nfa;

/// <summary>Combinators over conditions, where null means "always true".</summary>
internal static class Conditions
{
    public static Func<T, IPatternContext<T>, bool> Not<T>(Func<T, IPatternContext<T>, bool>? condition) =>
        condition is null ? static (_, _) => false : (e, c) => !condition(e, c);

    public static Func<T, IPatternContext<T>, bool>? And<T>(Func<T, IPatternContext<T>, bool>? left, Func<T, IPatternContext<T>, bool>? right) =>
        left is null ? right : right is null ? left : (e, c) => left(e, c) && right(e, c);

    public static bool Test<T>(Func<T, IPatternContext<T>, bool>? condition, T value, IPatternContext<T> context) =>
        condition is null || condition(value, context);
}

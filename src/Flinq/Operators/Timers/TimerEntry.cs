namespace Flinq.Operators.Timers;

/// <summary>A timer: a time, the key it belongs to and a namespace (the window, for window operators).</summary>
internal readonly record struct TimerEntry<TKey, TNamespace>(long Time, TKey Key, TNamespace Namespace)
    where TKey : notnull;

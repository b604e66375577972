namespace Flinq.Windowing.Triggers;

/// <summary>
/// What a trigger decides for a window (Flink's <c>TriggerResult</c>): evaluate it (fire), discard its
/// contents (purge), both, or nothing. Firing without purging keeps the contents, so a later firing sees
/// them again plus what arrived meanwhile.
/// </summary>
public enum TriggerResult
{
    /// <summary>Do nothing.</summary>
    Continue = 0,

    /// <summary>Evaluate the window function over the window's contents and emit the result; keep the contents.</summary>
    Fire = 1,

    /// <summary>Discard the window's contents without evaluating them. Window metadata and timers stay.</summary>
    Purge = 2,

    /// <summary>Evaluate the window, then discard its contents.</summary>
    FireAndPurge = Fire | Purge,
}

namespace Flinq.Cep.Patterns;

/// <summary>How a pattern element consumes events relative to the one before it (Flink's <c>ConsumingStrategy</c>).</summary>
public enum ConsumingStrategy
{
    /// <summary>Strict contiguity (<c>next</c>, <c>consecutive</c>): no event may come in between.</summary>
    Strict,

    /// <summary>Relaxed contiguity (<c>followedBy</c>, the default inside loops): non-matching events are skipped.</summary>
    SkipTillNext,

    /// <summary>Non-deterministic relaxed contiguity (<c>followedByAny</c>, <c>allowCombinations</c>): any event may be skipped, matching or not.</summary>
    SkipTillAny,

    /// <summary><c>notFollowedBy</c>: no matching event between the neighbours.</summary>
    NotFollow,

    /// <summary><c>notNext</c>: the next event must not match.</summary>
    NotNext,
}

namespace Flinq.Cep.Patterns;

/// <summary>How many events a pattern element takes and how (Flink's <c>Quantifier</c>). Mutable while the pattern is built.</summary>
internal sealed class Quantifier
{
    public ConsumingStrategy Consuming { get; set; } = ConsumingStrategy.SkipTillNext;

    public ConsumingStrategy InnerConsuming { get; set; } = ConsumingStrategy.SkipTillNext;

    public bool Looping { get; set; }

    public bool IsTimes { get; set; }

    public bool Optional { get; set; }

    public bool Greedy { get; set; }

    public int From { get; set; } = 1;

    public int To { get; set; } = 1;
}

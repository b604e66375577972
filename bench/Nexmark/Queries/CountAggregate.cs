using Flinq.Functions;

namespace Flinq.Nexmark.Queries;

/// <summary>Counts the records of a window.</summary>
internal sealed class CountAggregate<T> : IAggregateFunction<T, long, long>
{
    public long CreateAccumulator() => 0;

    public long Add(T value, long accumulator) => accumulator + 1;

    public long GetResult(long accumulator) => accumulator;

    public long Merge(long a, long b) => a + b;
}

using Flinq.State;

namespace Flinq.Functions;

/// <summary>
/// What a function knows about the parallel instance it runs in (Flink's <c>RuntimeContext</c>):
/// its task, subtask index and parallelism, and — on keyed streams — its keyed state.
/// </summary>
public abstract class RuntimeContext
{
    /// <summary>The name of the operator the function belongs to.</summary>
    public abstract string OperatorName { get; }

    /// <summary>The index of this parallel instance, from 0 to <see cref="Parallelism"/> - 1.</summary>
    public abstract int SubtaskIndex { get; }

    /// <summary>The number of parallel instances of the operator.</summary>
    public abstract int Parallelism { get; }

    /// <summary>The number of key groups: the upper bound of parallelism for keyed state.</summary>
    public abstract int MaxParallelism { get; }

    /// <summary>The clock used for processing time.</summary>
    public abstract TimeProvider TimeProvider { get; }

    /// <summary>
    /// Gets a value state scoped to the key of the record being processed. Only on keyed streams; the same
    /// descriptor name always returns the same state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The function does not run on a keyed stream.</exception>
    public abstract ValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor);
}

using Flinq.Time;

namespace Flinq;

/// <summary>
/// The metrics of one task of a job — a chain of operators that runs as one thread per parallel instance
/// (Flink's job vertex, what its web UI draws as one box).
/// </summary>
/// <param name="Id">The task's id in the execution plan (<c>tasks[].id</c> of <c>GetExecutionPlan()</c>).</param>
/// <param name="Name">The chain's operator names joined by <c>" -> "</c>, as in the plan.</param>
/// <param name="Parallelism">The number of parallel instances.</param>
/// <param name="OperatorIds">The chain's operators (<c>nodes[].id</c> of the plan), head first.</param>
/// <param name="Subtasks">One entry per parallel instance, by index.</param>
public sealed record VertexMetrics(int Id, string Name, int Parallelism, IReadOnlyList<int> OperatorIds, IReadOnlyList<SubtaskMetrics> Subtasks)
{
    /// <summary>The records all instances received (see <see cref="SubtaskMetrics.RecordsIn"/>).</summary>
    public long RecordsIn => Sum(static s => s.RecordsIn);

    /// <summary>The records all instances emitted (see <see cref="SubtaskMetrics.RecordsOut"/>).</summary>
    public long RecordsOut => Sum(static s => s.RecordsOut);

    /// <summary>The lowest input watermark of the instances; null while any instance has none (and for sources).</summary>
    public Watermark? InputWatermark => Min(static s => s.InputWatermark);

    /// <summary>The lowest output watermark of the instances; null while any instance has emitted none.</summary>
    public Watermark? OutputWatermark => Min(static s => s.OutputWatermark);

    private long Sum(Func<SubtaskMetrics, long> selector)
    {
        long total = 0;
        foreach (var subtask in Subtasks)
        {
            total += selector(subtask);
        }

        return total;
    }

    private Watermark? Min(Func<SubtaskMetrics, Watermark?> selector)
    {
        Watermark? min = null;
        foreach (var subtask in Subtasks)
        {
            if (selector(subtask) is not { } watermark)
            {
                return null;
            }

            min = min is { } m && m <= watermark ? m : watermark;
        }

        return min;
    }
}

using Flinq.Time;

namespace Flinq.Windowing.Assigners;

/// <summary>What a <see cref="WindowAssigner{TWindow}"/> may read while it assigns windows (Flink's <c>WindowAssignerContext</c>).</summary>
public interface IWindowAssignerContext
{
    /// <summary>The task's current processing time; processing-time assigners place elements by it.</summary>
    Timestamp CurrentProcessingTime { get; }
}

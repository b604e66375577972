using Flinq.State;

namespace Flinq.Windowing.Triggers;

/// <summary>The context of <c>Trigger.OnMerge</c> (Flink's <c>OnMergeContext</c>): the window is the merge result.</summary>
public interface IOnMergeContext : ITriggerContext
{
    /// <summary>
    /// Combines the partitioned state named by <paramref name="descriptor"/> of every merged window into the
    /// merge result's state with <paramref name="merge"/> (Flink merges reducing state the same way).
    /// Windows without a value are skipped; the merged windows' state is cleared by their <c>Clear</c>.
    /// </summary>
    void MergePartitionedState<T>(ValueStateDescriptor<T> descriptor, Func<T, T, T> merge);
}

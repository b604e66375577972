using Flinq.Operators;
using Flinq.Time;

namespace Flinq;

public partial class DataStream<T>
{
    /// <summary>
    /// Assigns event-time timestamps and generates watermarks with <paramref name="strategy"/> (Flink's
    /// <c>assignTimestampsAndWatermarks</c>). Each parallel instance runs its own generator; upstream watermarks
    /// are replaced (except the final one of a bounded input). Chains to the operator before it. Prefer
    /// <see cref="StreamExecutionEnvironment.FromSource{T}(Connectors.Source{T}, WatermarkStrategy{T}, string)"/>,
    /// which tracks watermarks per source split.
    /// </summary>
    public DataStream<T> AssignTimestampsAndWatermarks(WatermarkStrategy<T> strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return Transform("Timestamps/Watermarks", () => new TimestampsAndWatermarksOperator<T>(strategy));
    }
}

using Flinq.Time;

namespace Flinq.Functions;

/// <summary>The context of one joined pair of an interval join (Flink's <c>ProcessJoinFunction.Context</c>).</summary>
public interface IProcessJoinContext
{
    /// <summary>The timestamp of the left element.</summary>
    Timestamp LeftTimestamp { get; }

    /// <summary>The timestamp of the right element.</summary>
    Timestamp RightTimestamp { get; }

    /// <summary>The timestamp of the joined result: the later of the two.</summary>
    Timestamp Timestamp { get; }

    /// <summary>Emits to a side output with the joined result's timestamp.</summary>
    void Output<TSide>(OutputTag<TSide> tag, TSide value);
}

namespace Flinq.Cep;

/// <summary>What a <see cref="PatternProcessFunction{T, TOut}"/> sees while it handles a match or a timeout.</summary>
public interface IPatternProcessContext
{
    /// <summary>
    /// The match's timestamp in milliseconds: its last event's timestamp, or for a timed-out partial match the time it
    /// timed out (first event + window). In processing-time mode, processing times.
    /// </summary>
    long Timestamp { get; }

    /// <summary>The current processing time (the job's clock), epoch milliseconds.</summary>
    long CurrentProcessingTime { get; }

    /// <summary>Emits <paramref name="value"/> to the side output <paramref name="tag"/>.</summary>
    void Output<TSide>(OutputTag<TSide> tag, TSide value);
}

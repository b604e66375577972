namespace Flinq.Time;

/// <summary>What a watermark generator factory knows about where its generator runs.</summary>
public sealed class WatermarkGeneratorContext
{
    internal WatermarkGeneratorContext(TimeProvider timeProvider, int subtaskIndex, string? splitId)
    {
        TimeProvider = timeProvider;
        SubtaskIndex = subtaskIndex;
        SplitId = splitId;
    }

    /// <summary>The job's processing-time clock (use it instead of reading the system clock).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The parallel instance the generator runs in.</summary>
    public int SubtaskIndex { get; }

    /// <summary>The source split the generator tracks, or null for a whole stream or reader.</summary>
    public string? SplitId { get; }
}

using Flinq.Checkpointing;
using Flinq.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flinq;

/// <summary>Settings of a <see cref="StreamExecutionEnvironment"/> and the jobs it runs.</summary>
public sealed class StreamExecutionOptions
{
    /// <summary>Parallelism of operators that do not set their own. Default: the number of processors.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// The number of key groups (Flink's max parallelism): keyed state is split into this many groups, which
    /// are assigned to parallel instances, so a job can later be rescaled up to this parallelism. Default 128.
    /// </summary>
    public int MaxParallelism { get; set; } = 128;

    /// <summary>Records per batch sent between tasks. Default 1024.</summary>
    public int BatchSize { get; set; } = 1024;

    /// <summary>
    /// Batches a channel between two tasks holds before its producer blocks (backpressure). Default 4.
    /// </summary>
    public int ChannelCapacity { get; set; } = 4;

    /// <summary>
    /// The longest a partly filled batch waits before it is sent, when its producer keeps busy (Flink's buffer
    /// timeout). An idle producer sends at once. Default 100 ms.
    /// </summary>
    public TimeSpan BufferTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether consecutive operators with the same parallelism run chained in one task. Default true.</summary>
    public bool ChainingEnabled { get; set; } = true;

    /// <summary>Checkpoints, recovery and restarts. Off until <see cref="CheckpointingOptions.Interval"/> is set.</summary>
    public CheckpointingOptions Checkpointing { get; } = new();

    /// <summary>Where the engine logs (checkpoints, restarts, skipped corrupt checkpoints). Default: nowhere.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>The serializers that write this job's state into checkpoints and savepoints; register your own here.</summary>
    public SerializerRegistry Serializers { get; } = new();

    /// <summary>
    /// How often periodic watermark generators emit (Flink's <c>pipeline.auto-watermark-interval</c>), in
    /// processing time. Zero disables periodic emission. Default 200 ms.
    /// </summary>
    public TimeSpan AutoWatermarkInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The clock for processing time and processing-time timers. Tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (Parallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "Parallelism must be at least 1.");
        }

        if (MaxParallelism < 1 || MaxParallelism > 32768)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxParallelism), MaxParallelism, "MaxParallelism must be between 1 and 32768.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        }

        if (AutoWatermarkInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AutoWatermarkInterval), AutoWatermarkInterval, "AutoWatermarkInterval cannot be negative (zero disables periodic watermarks).");
        }

        if (ChannelCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ChannelCapacity), ChannelCapacity, "ChannelCapacity must be at least 1.");
        }

        Checkpointing.Validate();
    }
}

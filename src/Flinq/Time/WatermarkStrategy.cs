namespace Flinq.Time;

/// <summary>
/// How a stream gets event time (Flink's <c>WatermarkStrategy</c>): a timestamp assigner that reads each
/// record's timestamp, a watermark generator per parallel instance (or per source split), and optionally an
/// idle timeout. Immutable: the <c>With*</c> methods return a new strategy. Apply it in the source
/// (<see cref="StreamExecutionEnvironment.FromSource{T}(Connectors.Source{T}, WatermarkStrategy{T}, string)"/>,
/// which tracks watermarks per split) or after it (<see cref="DataStream{T}.AssignTimestampsAndWatermarks"/>).
/// </summary>
/// <example>
/// <code>
/// var strategy = WatermarkStrategy&lt;Click&gt;.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(5))
///     .WithTimestampAssigner(click => click.TimeMs)
///     .WithIdleness(TimeSpan.FromMinutes(1));
/// </code>
/// </example>
/// <typeparam name="T">The record type.</typeparam>
public sealed class WatermarkStrategy<T>
{
    private readonly Func<WatermarkGeneratorContext, IWatermarkGenerator<T>> _generatorFactory;

    private WatermarkStrategy(Func<WatermarkGeneratorContext, IWatermarkGenerator<T>> generatorFactory, Func<T, Timestamp, Timestamp>? timestampAssigner, TimeSpan? idleTimeout, bool emitsWatermarks)
    {
        _generatorFactory = generatorFactory;
        TimestampAssigner = timestampAssigner;
        IdleTimeout = idleTimeout;
        EmitsWatermarks = emitsWatermarks;
    }

    /// <summary>The idle timeout set by <see cref="WithIdleness"/>, or null.</summary>
    public TimeSpan? IdleTimeout { get; }

    /// <summary>Reads a record's timestamp from the record and its previous timestamp; null keeps the previous one.</summary>
    internal Func<T, Timestamp, Timestamp>? TimestampAssigner { get; }

    /// <summary>False for <see cref="NoWatermarks"/>: nothing to call periodically.</summary>
    internal bool EmitsWatermarks { get; }

    /// <summary>
    /// Watermarks for records out of order by at most <paramref name="maxOutOfOrderness"/>: the watermark is the
    /// highest timestamp seen minus the bound minus 1 ms, emitted periodically.
    /// </summary>
    public static WatermarkStrategy<T> ForBoundedOutOfOrderness(TimeSpan maxOutOfOrderness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOutOfOrderness, TimeSpan.Zero);
        return new(_ => new BoundedOutOfOrdernessWatermarks<T>(maxOutOfOrderness), null, null, true);
    }

    /// <summary>Watermarks for ascending timestamps: the highest timestamp seen minus 1 ms, emitted periodically.</summary>
    public static WatermarkStrategy<T> ForMonotonousTimestamps() => ForBoundedOutOfOrderness(TimeSpan.Zero);

    /// <summary>Watermarks from a custom generator; <paramref name="factory"/> creates one per instance or split.</summary>
    public static WatermarkStrategy<T> ForGenerator(Func<WatermarkGeneratorContext, IWatermarkGenerator<T>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(factory, null, null, true);
    }

    /// <summary>No watermarks: event-time windows and timers fire only at the end of a bounded input.</summary>
    public static WatermarkStrategy<T> NoWatermarks() => new(_ => NoWatermarksGenerator<T>.Instance, null, null, false);

    /// <summary>Reads each record's timestamp with <paramref name="assigner"/>(record, previous timestamp).</summary>
    public WatermarkStrategy<T> WithTimestampAssigner(Func<T, Timestamp, Timestamp> assigner)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new(_generatorFactory, assigner, IdleTimeout, EmitsWatermarks);
    }

    /// <summary>Reads each record's timestamp as epoch milliseconds with <paramref name="assigner"/>.</summary>
    public WatermarkStrategy<T> WithTimestampAssigner(Func<T, long> assigner)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return WithTimestampAssigner((value, _) => new Timestamp(assigner(value)));
    }

    /// <summary>
    /// Marks a stream (or split) idle when it had no record for <paramref name="idleTimeout"/> of processing
    /// time, so it stops holding back the watermark downstream; it becomes active again with its next watermark.
    /// </summary>
    public WatermarkStrategy<T> WithIdleness(TimeSpan idleTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        return new(_generatorFactory, TimestampAssigner, idleTimeout, EmitsWatermarks);
    }

    /// <summary>A new generator for one instance or split, wrapped for idleness when configured.</summary>
    internal IWatermarkGenerator<T> CreateGenerator(WatermarkGeneratorContext context)
    {
        var generator = _generatorFactory(context)
            ?? throw new InvalidOperationException("The watermark generator factory returned null.");
        return IdleTimeout is { } timeout ? new WatermarksWithIdleness<T>(generator, timeout, context.TimeProvider) : generator;
    }

    /// <summary>The record's timestamp after assignment.</summary>
    internal Timestamp Assign(T value, Timestamp previous) => TimestampAssigner is { } assigner ? assigner(value, previous) : previous;
}

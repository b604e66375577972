using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Testing;

/// <summary>
/// A source that plays a script of records (with or without timestamps) and watermarks, in order, from one
/// instance — for hand-checked event-time tests: disorder, late records, watermarks at exact points.
/// Bounded by default (the final watermark follows the script); with <see cref="StayOpen"/> it then idles
/// without ending, for processing-time and cancellation tests.
/// </summary>
public sealed class ScriptedSource<T> : Source<T>
{
    private readonly IReadOnlyList<ScriptStep<T>> _steps;

    /// <summary>Creates a source playing <paramref name="steps"/>.</summary>
    public ScriptedSource(IEnumerable<ScriptStep<T>> steps, bool stayOpen = false)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = steps.ToArray();
        StayOpen = stayOpen;
    }

    /// <summary>Whether the source idles forever after the script instead of ending.</summary>
    public bool StayOpen { get; }

    /// <inheritdoc />
    public override bool IsBounded => !StayOpen;

    /// <inheritdoc />
    public override int? MaxParallelism => 1;

    /// <inheritdoc />
    public override SourceReader<T> CreateReader(SourceReaderContext context) => new Reader(_steps, StayOpen);

    private sealed class Reader(IReadOnlyList<ScriptStep<T>> steps, bool stayOpen) : SourceReader<T>
    {
        private int _next;

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            if (_next >= steps.Count)
            {
                return stayOpen ? InputStatus.NothingAvailable : InputStatus.EndOfInput;
            }

            var step = steps[_next++];
            if (step.IsWatermark)
            {
                output.EmitWatermark(new Watermark(step.Time));
            }
            else if (step.Time == long.MinValue)
            {
                output.Collect(step.Value!);
            }
            else
            {
                output.Collect(step.Value!, new Timestamp(step.Time));
            }

            return InputStatus.MoreAvailable;
        }
    }
}

/// <summary>One step of a <see cref="ScriptedSource{T}"/>: a record or a watermark.</summary>
public readonly record struct ScriptStep<T>(T? Value, long Time, bool IsWatermark)
{
    /// <summary>A record with an event-time timestamp in epoch milliseconds.</summary>
    public static ScriptStep<T> Record(T value, long timestampMs) => new(value, timestampMs, false);

    /// <summary>A record without a timestamp.</summary>
    public static ScriptStep<T> Record(T value) => new(value, long.MinValue, false);

    /// <summary>A watermark at epoch milliseconds.</summary>
    public static ScriptStep<T> Watermark(long timeMs) => new(default, timeMs, true);
}

/// <summary>Builds scripted sources: <c>env.FromScript(ScriptStep&lt;string&gt;.Record("a", 1000), ScriptStep&lt;string&gt;.Watermark(999))</c>.</summary>
public static class ScriptedSourceExtensions
{
    /// <summary>A stream that plays the script (see <see cref="ScriptedSource{T}"/>).</summary>
    public static DataStream<T> FromScript<T>(this StreamExecutionEnvironment environment, params ScriptStep<T>[] steps)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.FromSource(new ScriptedSource<T>(steps), "Scripted Source");
    }
}

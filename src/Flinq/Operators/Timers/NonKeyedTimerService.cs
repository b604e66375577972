using Flinq.Functions;
using Flinq.Runtime.Tasks;
using Flinq.Time;

namespace Flinq.Operators.Timers;

/// <summary>The timer service of non-keyed process functions: time can be read, timers cannot be set.</summary>
internal sealed class NonKeyedTimerService : ITimerService
{
    private readonly ProcessingTimeService _processingTime;

    public NonKeyedTimerService(ProcessingTimeService processingTime) => _processingTime = processingTime;

    public Timestamp CurrentProcessingTime => _processingTime.CurrentTime;

    public Watermark CurrentWatermark { get; set; } = Watermark.MinValue;

    public void RegisterEventTimeTimer(Timestamp time) => ThrowTimersNeedKeys();

    public void RegisterProcessingTimeTimer(Timestamp time) => ThrowTimersNeedKeys();

    public void DeleteEventTimeTimer(Timestamp time) => ThrowTimersNeedKeys();

    public void DeleteProcessingTimeTimer(Timestamp time) => ThrowTimersNeedKeys();

    private static void ThrowTimersNeedKeys() =>
        throw new InvalidOperationException("Setting timers is only supported on keyed streams: use KeyBy(...) first (KeyedProcessFunction, KeyedCoProcessFunction).");
}

using Flinq.Functions;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Operators.Timers;

/// <summary>The <see cref="ITimerService"/> of keyed process functions: timers of the current key.</summary>
internal sealed class KeyedTimerService<TKey> : ITimerService
    where TKey : notnull
{
    private readonly InternalTimerService<TKey, VoidNamespace> _timers;

    public KeyedTimerService(InternalTimerService<TKey, VoidNamespace> timers) => _timers = timers;

    public Timestamp CurrentProcessingTime => _timers.CurrentProcessingTime;

    public Watermark CurrentWatermark => _timers.CurrentWatermark;

    public void RegisterEventTimeTimer(Timestamp time) => _timers.RegisterEventTimeTimer(VoidNamespace.Instance, time.Milliseconds);

    public void RegisterProcessingTimeTimer(Timestamp time) => _timers.RegisterProcessingTimeTimer(VoidNamespace.Instance, time.Milliseconds);

    public void DeleteEventTimeTimer(Timestamp time) => _timers.DeleteEventTimeTimer(VoidNamespace.Instance, time.Milliseconds);

    public void DeleteProcessingTimeTimer(Timestamp time) => _timers.DeleteProcessingTimeTimer(VoidNamespace.Instance, time.Milliseconds);
}

using Flinq.Time;

namespace Flinq.Operators;

/// <summary>
/// Calls a periodic watermark emission every <see cref="OperatorContext.AutoWatermarkInterval"/> of processing
/// time, on the task thread (through the task's processing-time service and mailbox). Each call schedules the
/// next one from the time it ran, so a clock that jumps ahead fires once, not once per missed interval.
/// </summary>
internal sealed class PeriodicWatermarkEmitter : IDisposable
{
    private readonly OperatorContext _context;
    private readonly Action _emit;
    private readonly Action<Timestamp> _callback;
    private IDisposable? _scheduled;
    private bool _disposed;

    private PeriodicWatermarkEmitter(OperatorContext context, Action emit)
    {
        _context = context;
        _emit = emit;
        _callback = OnTimer;
    }

    /// <summary>Starts emitting, or returns null when the interval is zero (periodic watermarks disabled).</summary>
    public static PeriodicWatermarkEmitter? Start(OperatorContext context, Action emit)
    {
        if (context.AutoWatermarkInterval <= TimeSpan.Zero)
        {
            return null;
        }

        var emitter = new PeriodicWatermarkEmitter(context, emit);
        emitter.ScheduleNext(context.ProcessingTime.CurrentTime);
        return emitter;
    }

    public void Dispose()
    {
        _disposed = true;
        _scheduled?.Dispose();
        _scheduled = null;
    }

    private void OnTimer(Timestamp now)
    {
        if (_disposed)
        {
            return;
        }

        _emit();
        ScheduleNext(_context.ProcessingTime.CurrentTime);
    }

    private void ScheduleNext(Timestamp now)
    {
        if (!_disposed)
        {
            _scheduled = _context.ProcessingTime.Schedule(now + _context.AutoWatermarkInterval, _callback);
        }
    }
}

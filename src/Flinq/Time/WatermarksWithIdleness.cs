namespace Flinq.Time;

/// <summary>
/// Wraps a generator and marks its output idle when no record arrived for the idle timeout on the
/// processing-time clock (Flink's <c>WatermarksWithIdleness</c>). Checked at each periodic emission, so
/// idleness is detected between one timeout and one timeout plus one watermark interval after the last
/// record. While idle it does not call the wrapped generator's periodic emission; the next record makes the
/// stream active again (with the next watermark the wrapped generator emits).
/// </summary>
internal sealed class WatermarksWithIdleness<T> : IWatermarkGenerator<T>
{
    private readonly IWatermarkGenerator<T> _watermarks;
    private readonly TimeProvider _clock;
    private readonly long _idleTimeoutTicks;
    private long _counter;
    private long _lastCounter;
    private long _inactiveSince;
    private bool _inactive;
    private bool _isIdleNow;

    public WatermarksWithIdleness(IWatermarkGenerator<T> watermarks, TimeSpan idleTimeout, TimeProvider clock)
    {
        _watermarks = watermarks;
        _clock = clock;
        _idleTimeoutTicks = (long)(idleTimeout.TotalSeconds * clock.TimestampFrequency);
    }

    public void OnEvent(T value, Timestamp timestamp, IWatermarkOutput output)
    {
        _watermarks.OnEvent(value, timestamp, output);
        _counter++; // no clock read per record: the periodic check compares counters
        _isIdleNow = false;
    }

    public void OnPeriodicEmit(IWatermarkOutput output)
    {
        if (CheckIfIdle())
        {
            if (!_isIdleNow)
            {
                output.MarkIdle();
                _isIdleNow = true;
            }
        }
        else
        {
            _watermarks.OnPeriodicEmit(output);
        }
    }

    private bool CheckIfIdle()
    {
        if (_counter != _lastCounter)
        {
            _lastCounter = _counter;
            _inactive = false;
            return false;
        }

        long now = _clock.GetTimestamp();
        if (!_inactive)
        {
            _inactive = true;
            _inactiveSince = now;
            return false;
        }

        return now - _inactiveSince >= _idleTimeoutTicks;
    }
}

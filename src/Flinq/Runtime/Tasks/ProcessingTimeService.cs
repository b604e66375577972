using Flinq.Time;

namespace Flinq.Runtime.Tasks;

/// <summary>
/// A task's processing time: reads its <see cref="System.TimeProvider"/> and schedules callbacks that run in
/// the task's mailbox. Timers fire even when no record arrives — the basis of "nothing arrived" alerts.
/// </summary>
internal sealed class ProcessingTimeService : IDisposable
{
    private readonly Mailbox _mailbox;
    private readonly HashSet<ITimer> _timers = new();
    private readonly object _lock = new();
    private bool _disposed;

    public ProcessingTimeService(TimeProvider timeProvider, Mailbox mailbox)
    {
        TimeProvider = timeProvider;
        _mailbox = mailbox;
    }

    public TimeProvider TimeProvider { get; }

    public Timestamp CurrentTime => new(TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// Runs <paramref name="callback"/> on the task thread once processing time reaches <paramref name="time"/>.
    /// The callback receives the later of <paramref name="time"/> and the clock. Dispose the handle to cancel.
    /// </summary>
    public IDisposable Schedule(Timestamp time, Action<Timestamp> callback)
    {
        var scheduled = new ScheduledCallback(this, time, callback);
        // From the precise clock, not the millisecond-truncated CurrentTime: a delay computed from a truncated "now"
        // lets the timer fire up to a millisecond before its time.
        var delay = DelayUntil(time);
        lock (_lock)
        {
            if (_disposed)
            {
                return scheduled;
            }

            var timer = TimeProvider.CreateTimer(static state => ((ScheduledCallback)state!).Fire(), scheduled, delay, Timeout.InfiniteTimeSpan);
            scheduled.Timer = timer;
            _timers.Add(timer);
        }

        // The delay was measured before the timer existed. If the clock passed the time in between (a fake clock
        // advanced by another thread does), the timer is due too late, so fire now; Fire runs only once.
        if (CurrentTime >= time)
        {
            scheduled.Fire();
        }

        return scheduled;
    }

    private TimeSpan DelayUntil(Timestamp time)
    {
        const long maxUnixMs = 253402300799999; // DateTimeOffset.MaxValue
        if (time.Milliseconds >= maxUnixMs)
        {
            return Timeout.InfiniteTimeSpan; // the end of time never comes on a clock
        }

        var delay = DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(time.Milliseconds, 0)) - TimeProvider.GetUtcNow();
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    private void Remove(ITimer? timer)
    {
        if (timer is null)
        {
            return;
        }

        lock (_lock)
        {
            _timers.Remove(timer);
        }

        timer.Dispose();
    }

    private sealed class ScheduledCallback : IDisposable
    {
        private readonly ProcessingTimeService _service;
        private readonly Timestamp _time;
        private readonly Action<Timestamp> _callback;
        private volatile bool _cancelled;
        private int _fired;

        public ScheduledCallback(ProcessingTimeService service, Timestamp time, Action<Timestamp> callback)
        {
            _service = service;
            _time = time;
            _callback = callback;
        }

        public ITimer? Timer { get; set; }

        // Runs on a timer thread (or the scheduling thread): hand over to the task thread, once.
        public void Fire()
        {
            if (Interlocked.Exchange(ref _fired, 1) != 0)
            {
                return;
            }

            _service._mailbox.Post(() =>
            {
                _service.Remove(Timer);
                if (!_cancelled)
                {
                    _callback(Timestamp.Max(_time, _service.CurrentTime));
                }
            });
        }

        public void Dispose()
        {
            _cancelled = true;
            _service.Remove(Timer);
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.TestSupport;

/// <summary>
/// A fake clock that, once armed, advances itself inside the next <see cref="CreateTimer"/> call, before the
/// timer exists: it replays deterministically the race of a test thread advancing the clock while a task
/// measures a delay and arms a timer for it.
/// </summary>
internal sealed class RacingClock : FakeTimeProvider
{
    private long _advanceTicks;

    public RacingClock()
        : base(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public void AdvanceOnNextTimer(TimeSpan amount) => Interlocked.Exchange(ref _advanceTicks, amount.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        long ticks = Interlocked.Exchange(ref _advanceTicks, 0);
        if (ticks > 0)
        {
            Advance(TimeSpan.FromTicks(ticks));
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}

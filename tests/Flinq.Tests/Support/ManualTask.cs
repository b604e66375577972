using Flinq.Operators;
using Flinq.Runtime.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.Support;

/// <summary>
/// The task side of an operator under test, driven from the test's thread: a fake clock, and a mailbox that
/// runs only when the test advances time — so periodic watermarks and processing-time timers are deterministic.
/// </summary>
internal sealed class ManualTask : IDisposable
{
    private readonly TaskWakeup _wakeup = new();

    public ManualTask(DateTimeOffset? start = null)
    {
        Clock = new FakeTimeProvider(start ?? DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        Mailbox = new Mailbox(_wakeup);
        ProcessingTime = new ProcessingTimeService(Clock, Mailbox);
    }

    public FakeTimeProvider Clock { get; }

    public Mailbox Mailbox { get; }

    public ProcessingTimeService ProcessingTime { get; }

    public OperatorContext CreateContext(string name = "op", int subtask = 0, int parallelism = 1, TimeSpan? autoWatermarkInterval = null) =>
        new(name, subtask, parallelism, 128, ProcessingTime) { AutoWatermarkInterval = autoWatermarkInterval ?? TimeSpan.FromMilliseconds(200) };

    /// <summary>Advances the clock and runs the mail that became due (timer callbacks), as the task thread would.</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Mailbox.RunPending();
    }

    /// <summary>Advances in steps of <paramref name="step"/>, running mail after each.</summary>
    public void Advance(TimeSpan by, TimeSpan step)
    {
        for (var done = TimeSpan.Zero; done < by; done += step)
        {
            Advance(step);
        }
    }

    public void Dispose()
    {
        ProcessingTime.Dispose();
        _wakeup.Dispose();
    }
}

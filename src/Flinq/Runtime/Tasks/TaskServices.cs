namespace Flinq.Runtime.Tasks;

/// <summary>The per-task machinery operators and readers may use: wake-up, mailbox, clock, cancellation, metrics.</summary>
internal sealed class TaskServices : IDisposable
{
    public TaskServices(TimeProvider timeProvider, CancellationToken cancellation)
    {
        Wakeup = new TaskWakeup();
        Mailbox = new Mailbox(Wakeup);
        ProcessingTime = new ProcessingTimeService(timeProvider, Mailbox);
        Cancellation = cancellation;
    }

    public TaskWakeup Wakeup { get; }

    public Mailbox Mailbox { get; }

    public ProcessingTimeService ProcessingTime { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The task's counters, written only by the task's thread.</summary>
    public TaskIOMetrics Metrics { get; } = new();

    public void Dispose()
    {
        Mailbox.Close();
        ProcessingTime.Dispose();
    }
}

namespace Flinq.Runtime.Tasks;

/// <summary>The per-task machinery operators and readers may use: wake-up, mailbox, clock, cancellation.</summary>
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

    public void Dispose()
    {
        Mailbox.Close();
        ProcessingTime.Dispose();
    }
}

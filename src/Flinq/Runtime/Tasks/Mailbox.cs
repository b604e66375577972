using System.Collections.Concurrent;

namespace Flinq.Runtime.Tasks;

/// <summary>
/// Actions that must run on a task's thread — timer callbacks, checkpoint steps — posted from any thread
/// and run between records (Flink's mailbox model), so operator code never needs a lock.
/// </summary>
internal sealed class Mailbox
{
    private readonly ConcurrentQueue<Action> _mail = new();
    private readonly TaskWakeup _wakeup;
    private volatile bool _closed;

    public Mailbox(TaskWakeup wakeup) => _wakeup = wakeup;

    public bool HasMail => !_mail.IsEmpty;

    /// <summary>Posts an action; dropped silently once the task has ended (nothing would run it).</summary>
    public void Post(Action action)
    {
        if (_closed)
        {
            return;
        }

        _mail.Enqueue(action);
        _wakeup.Signal();
    }

    /// <summary>Runs the mail present now; mail posted meanwhile waits for the next round.</summary>
    public void RunPending()
    {
        int count = _mail.Count;
        for (int i = 0; i < count && _mail.TryDequeue(out var action); i++)
        {
            action();
        }
    }

    public void Close()
    {
        _closed = true;
        _mail.Clear();
    }
}

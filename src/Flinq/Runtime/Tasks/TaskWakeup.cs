namespace Flinq.Runtime.Tasks;

/// <summary>
/// Wakes a task that waits for input, mail or a source: any producer that makes work available signals it.
/// The task resets before it re-checks its inputs, so a signal that arrives between the check and the wait
/// is never lost.
/// </summary>
internal sealed class TaskWakeup : IDisposable
{
    private readonly ManualResetEventSlim _event = new(initialState: false, spinCount: 20);

    public void Signal() => _event.Set();

    /// <summary>Waits for a signal, then re-arms. Returns false on timeout.</summary>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool signalled = _event.Wait(timeout, cancellationToken);
        _event.Reset();
        return signalled;
    }

    public void Dispose() => _event.Dispose();
}

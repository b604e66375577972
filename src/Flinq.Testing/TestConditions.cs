namespace Flinq.Testing;

/// <summary>Waiting on conditions instead of sleeping, for tests of running jobs.</summary>
public static class TestConditions
{
    /// <summary>
    /// Polls <paramref name="condition"/> every few milliseconds until it holds, and throws a
    /// <see cref="TimeoutException"/> with <paramref name="description"/> if it does not within <paramref name="timeout"/>.
    /// Use it to wait for records of a running job (e.g. a sink's count) before advancing a fake clock or cancelling.
    /// </summary>
    /// <param name="condition">Checked from the calling thread; must be thread-safe with respect to the job.</param>
    /// <param name="timeout">The longest to wait.</param>
    /// <param name="description">What was awaited, for the timeout message.</param>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string description = "the condition")
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Waited {timeout} for {description}, in vain.");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }
}

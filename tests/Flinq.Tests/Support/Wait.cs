namespace Flinq.Tests.Support;

/// <summary>Waits for a condition that another thread makes true, with a timeout (no fixed sleeps).</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, Task job, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (job.IsCompleted)
            {
                await job; // surface the job's failure
                throw new InvalidOperationException($"The job ended before: {what}.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}.");
            }

            await Task.Delay(5);
        }
    }
}

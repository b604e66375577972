using Flinq.Connectors.Sinks;

namespace Flinq.Testing;

/// <summary>Helpers for running jobs in tests.</summary>
public static class JobTestExtensions
{
    /// <summary>Adds a <see cref="CollectSink{T}"/> to the stream and returns it, to read after the job ran.</summary>
    public static CollectSink<T> Collect<T>(this DataStream<T> stream, string name = "Collect")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var sink = new CollectSink<T>();
        stream.SinkTo(sink, name);
        return sink;
    }

    /// <summary>Runs the job, failing with a <see cref="TimeoutException"/> if it has not ended within <paramref name="timeout"/>.</summary>
    public static async Task<JobExecutionResult> ExecuteWithTimeoutAsync(this StreamExecutionEnvironment environment, TimeSpan timeout, string jobName = "test job")
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var cancellation = new CancellationTokenSource();
        var job = environment.ExecuteAsync(jobName, cancellation.Token);
        if (await Task.WhenAny(job, Task.Delay(timeout)) != job)
        {
            await cancellation.CancelAsync();
            throw new TimeoutException($"The job '{jobName}' did not end within {timeout}.");
        }

        return await job;
    }
}

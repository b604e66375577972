namespace Flinq.Examples.Common;

/// <summary>Runs an example's job from its <c>Program</c>: Ctrl+C stops it cleanly, a failed job exits with 1.</summary>
public static class ExampleRun
{
    /// <summary>The environment for <paramref name="options"/> (its parallelism).</summary>
    public static StreamExecutionEnvironment CreateEnvironment(ExampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = options.Parallelism });
    }

    /// <summary>Prints the reason and the usage on standard error; returns exit code 2.</summary>
    public static int BadArguments(string app, string error, string usage)
    {
        Console.Error.WriteLine($"{app}: {error}");
        Console.Error.WriteLine(usage);
        return 2;
    }

    /// <summary>Executes the job built on <paramref name="env"/>; returns the process exit code (0, or 1 when the job failed).</summary>
    public static async Task<int> ExecuteAsync(StreamExecutionEnvironment env, string app)
    {
        ArgumentNullException.ThrowIfNull(env);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // stop the job cleanly instead of killing the process
            stop.Cancel();
        };
        try
        {
            await env.ExecuteAsync(app, stop.Token).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (JobExecutionException e)
        {
            Console.Error.WriteLine($"{app}: {e.Message}");
            return 1;
        }
    }
}

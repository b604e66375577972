using Flinq.Checkpointing;
using Flinq.Runtime.Execution;

namespace Flinq;

/// <summary>
/// A handle on a running job (Flink's <c>JobClient</c>): its completion, its checkpoints, savepoints and stop.
/// Thread-safe.
/// </summary>
public sealed class JobClient
{
    private readonly JobRunner _runner;

    internal JobClient(string jobName, Task<JobExecutionResult> completion, JobRunner runner)
    {
        JobName = jobName;
        Completion = completion;
        _runner = runner;
    }

    /// <summary>The job's name.</summary>
    public string JobName { get; }

    /// <summary>Completes when the job ends: with its result, faulted with a <see cref="JobExecutionException"/>, or cancelled.</summary>
    public Task<JobExecutionResult> Completion { get; }

    /// <summary>How often the job restarted after failures so far.</summary>
    public int Restarts => _runner.Restarts;

    /// <summary>
    /// The checkpoints and savepoints completed so far by the current run (the last 100), with their duration, size
    /// and alignment time: what the job's metrics and the dashboard show.
    /// </summary>
    public IReadOnlyList<CheckpointStatistics> Checkpoints => _runner.CurrentCheckpoints;

    /// <summary>
    /// Takes a savepoint into <paramref name="directory"/> while the job keeps running; returns the savepoint's path,
    /// which <see cref="CheckpointingOptions.RestorePath"/> accepts — also at another parallelism.
    /// </summary>
    public Task<string> TriggerSavepointAsync(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return _runner.TriggerSavepointAsync(directory);
    }

    /// <summary>
    /// Takes a savepoint, then stops the job; <see cref="Completion"/> then completes normally with
    /// <see cref="JobExecutionResult.Savepoint"/> set. Returns the savepoint's path.
    /// </summary>
    public Task<string> StopWithSavepointAsync(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return _runner.StopWithSavepointAsync(directory);
    }
}

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
    /// A snapshot of the job's metrics: per task of <see cref="GetExecutionPlan"/> and per parallel instance, the
    /// records in and out, input and output watermarks, and the time back-pressured, idle and busy; plus the
    /// checkpoint history (completed and failed). Cheap (no locks on the tasks' paths, no allocation by them):
    /// call it every second if you like. Counters are cumulative for the current attempt and start over after a
    /// restart; derive rates from two snapshots. Before the first attempt has started, every number is zero; after
    /// the job ended, the last attempt's final numbers.
    /// </summary>
    public JobMetrics GetMetrics() => _runner.GetMetrics();

    /// <summary>
    /// The job's execution plan as JSON (the same as <see cref="StreamExecutionEnvironment.GetExecutionPlan"/>):
    /// <c>nodes</c> (operators) and <c>tasks</c> (chains), whose <c>id</c>s are
    /// <see cref="VertexMetrics.OperatorIds"/> and <see cref="VertexMetrics.Id"/> in <see cref="GetMetrics"/>.
    /// </summary>
    public string GetExecutionPlan() => _runner.ExecutionPlanJson;

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

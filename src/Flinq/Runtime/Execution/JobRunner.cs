using System.Diagnostics;
using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Checkpointing.Storage;
using Flinq.Operators;
using Flinq.Runtime.Graph;
using Microsoft.Extensions.Logging;

namespace Flinq.Runtime.Execution;

/// <summary>
/// Runs a job to its end: one <see cref="ExecutionAttempt"/> after another. Each attempt starts from the
/// newest complete checkpoint (or the configured savepoint); after a failure the restart strategy decides
/// whether there is another attempt. Also backs the <see cref="JobClient"/>: savepoints and stop.
/// </summary>
internal sealed partial class JobRunner
{
    private readonly JobGraph _graph;
    private readonly StreamExecutionOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly ILogger _logger;
    private readonly CheckpointStorage _storage;
    private readonly object _lock = new();
    private ExecutionAttempt? _attempt;
    private CheckpointCoordinator? _coordinator;
    private volatile bool _stopRequested;
    private string? _stopSavepoint;
    private int _restarts;

    public JobRunner(JobGraph graph, StreamExecutionOptions options, CancellationToken cancellation)
    {
        _graph = graph;
        _options = options;
        _cancellation = cancellation;
        _logger = options.LoggerFactory.CreateLogger("Flinq.Job");
        _storage = new CheckpointStorage(options.Checkpointing.Directory, options.Checkpointing.RetainedCheckpoints, options.LoggerFactory.CreateLogger("Flinq.Checkpoints"));
    }

    public int Restarts => _restarts;

    public IReadOnlyList<CheckpointStatistics> Checkpoints { get; private set; } = [];

    /// <summary>The checkpoint history (completed and failed) of the last attempt that ended.</summary>
    private IReadOnlyList<CheckpointStatistics> CheckpointHistory { get; set; } = [];

    /// <summary>The checkpoints completed so far by the running attempt (or by the last one, once it ended).</summary>
    public IReadOnlyList<CheckpointStatistics> CurrentCheckpoints
    {
        get
        {
            lock (_lock)
            {
                return _coordinator?.Completed ?? Checkpoints;
            }
        }
    }

    public JobClient Start()
    {
        // Resolve the starting point before returning, so a bad restore path fails at once.
        var restoreFrom = ResolveInitialRestore();
        var completion = Task.Run(() => RunAsync(restoreFrom));
        return new JobClient(_graph.JobName, completion, this);
    }

    public async Task<string> TriggerSavepointAsync(string directory)
    {
        CheckpointCoordinator coordinator;
        lock (_lock)
        {
            coordinator = _coordinator ?? throw new InvalidOperationException("The job is not running; no savepoint can be taken.");
        }

        var statistics = await coordinator.TriggerSavepoint(directory).ConfigureAwait(false);
        return statistics.Path;
    }

    public async Task<string> StopWithSavepointAsync(string directory)
    {
        string path = await TriggerSavepointAsync(directory).ConfigureAwait(false);
        _stopSavepoint = path;
        _stopRequested = true;
        lock (_lock)
        {
            _coordinator?.Stop("the job is stopping with a savepoint");
            _attempt?.Cancel();
        }

        return path;
    }

    private CompletedCheckpoint? ResolveInitialRestore()
    {
        var options = _options.Checkpointing;
        if (options.RestorePath is { } path)
        {
            return CompletedCheckpoint.Load(path);
        }

        return options.ResumeFromLatest ? _storage.FindLatest() : null;
    }

    private async Task<JobExecutionResult> RunAsync(CompletedCheckpoint? restoreFrom)
    {
        var stopwatch = Stopwatch.StartNew();
        var tracker = _options.Checkpointing.RestartStrategy.CreateTracker(_options.TimeProvider);
        while (true)
        {
            _storage.Prune(); // no coordinator runs now: leftovers of a crash or of the failed attempt can go
            var attempt = new ExecutionAttempt(_graph, _options, Redistribute(restoreFrom), _cancellation);
            var coordinator = CreateCoordinator(attempt, restoreFrom);
            lock (_lock)
            {
                _attempt = attempt;
                _coordinator = coordinator;
            }

            coordinator.Start();
            await attempt.RunAsync().ConfigureAwait(false);
            coordinator.Dispose();
            Checkpoints = coordinator.Completed;
            CheckpointHistory = coordinator.History;
            lock (_lock)
            {
                _coordinator = null;
            }

            if (attempt.Failure is not { } failure)
            {
                if (_stopRequested)
                {
                    return new JobExecutionResult(_graph.JobName, stopwatch.Elapsed, attempt.PeakQueuedRecords, _restarts, Checkpoints, _stopSavepoint);
                }

                _cancellation.ThrowIfCancellationRequested();
                return new JobExecutionResult(_graph.JobName, stopwatch.Elapsed, attempt.PeakQueuedRecords, _restarts, Checkpoints, null);
            }

            var error = failure.Error;
            var exception = new JobExecutionException(_graph.JobName, OperatorErrors.OperatorOf(error) ?? failure.Task.Name, failure.Task.SubtaskIndex, error);
            if (_cancellation.IsCancellationRequested || _stopRequested || tracker.OnFailure() is not { } delay)
            {
                throw exception;
            }

            _restarts++;
            restoreFrom = _storage.FindLatest() ?? restoreFrom;
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                _logger.LogWarning(error, "Job {Job} failed ({Reason}); restart {Restart} in {Delay} from {Checkpoint}.", _graph.JobName, exception.Message, _restarts, delay, restoreFrom?.Path ?? "the beginning");
            }

            await Task.Delay(delay, _options.TimeProvider, _cancellation).ConfigureAwait(false);
        }
    }

    private CheckpointCoordinator CreateCoordinator(ExecutionAttempt attempt, CompletedCheckpoint? restoreFrom)
    {
        var parallelism = _graph.Nodes.ToDictionary(n => n.Uid, n => n.Parallelism, StringComparer.Ordinal);
        long firstId = Math.Max(_storage.HighestId(), restoreFrom?.CheckpointId ?? 0) + 1;
        var coordinator = new CheckpointCoordinator(
            _options.Checkpointing,
            _storage,
            _graph.JobName,
            _graph.MaxParallelism,
            parallelism,
            attempt.Tasks.Count,
            firstId,
            id =>
            {
                foreach (var task in attempt.SourceTasks)
                {
                    task.TriggerCheckpoint(id);
                }
            },
            id =>
            {
                foreach (var task in attempt.Tasks)
                {
                    task.NotifyCheckpointComplete(id);
                }
            },
            e => attempt.Fail(e),
            attempt.SourceTasks.Count(),
            () =>
            {
                foreach (var task in attempt.SourceTasks)
                {
                    task.ReleaseAfterFinalCheckpoint();
                }
            },
            _options.TimeProvider,
            _options.LoggerFactory.CreateLogger("Flinq.Checkpoints"));
        foreach (var task in attempt.Tasks)
        {
            task.Coordinator = coordinator;
        }

        // Once a task has finished it can take no part in checkpoints (its state is gone): stop triggering.
        attempt.TaskFinished = task => coordinator.Stop($"task '{task.Name}' ({task.SubtaskIndex + 1}/{task.Parallelism}) finished");
        return coordinator;
    }

    /// <summary>Reads a checkpoint's state files and deals each operator's state to its new instances.</summary>
    private Dictionary<string, OperatorRestoreState[]> Redistribute(CompletedCheckpoint? checkpoint)
    {
        var result = new Dictionary<string, OperatorRestoreState[]>(StringComparer.Ordinal);
        if (checkpoint is null)
        {
            return result;
        }

        var metadata = checkpoint.Metadata;
        if (metadata.MaxParallelism != _graph.MaxParallelism)
        {
            throw new InvalidOperationException(
                $"The checkpoint at '{checkpoint.Path}' was taken with MaxParallelism {metadata.MaxParallelism}; the job has {_graph.MaxParallelism}. Keyed state can only be restored with the same number of key groups.");
        }

        var known = _graph.Nodes.Select(n => n.Uid).ToHashSet(StringComparer.Ordinal);
        var unknown = metadata.Operators.Where(o => o.Files.Count > 0 && !known.Contains(o.Uid)).Select(o => o.Uid).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException(
                $"The checkpoint at '{checkpoint.Path}' has state for operators this job does not have: {string.Join(", ", unknown)}. Give stateful operators stable ids with Uid(...).");
        }

        foreach (var node in _graph.Nodes)
        {
            var files = metadata.Operators.FirstOrDefault(o => o.Uid == node.Uid);
            var old = new List<List<SnapshotSection>?>();
            for (int subtask = 0; subtask < (files?.Parallelism ?? 0); subtask++)
            {
                var bytes = checkpoint.ReadState(node.Uid, subtask);
                old.Add(bytes is null ? null : OperatorSnapshotWriter.Parse(bytes, $"{checkpoint.Path} ({node.Uid}, subtask {subtask})"));
            }

            var states = new OperatorRestoreState[node.Parallelism];
            for (int subtask = 0; subtask < states.Length; subtask++)
            {
                states[subtask] = OperatorRestoreState.Redistribute(old, subtask, node.Parallelism, _graph.MaxParallelism);
            }

            result[node.Uid] = states;
        }

        return result;
    }
}

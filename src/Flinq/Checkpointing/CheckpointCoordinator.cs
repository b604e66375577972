using System.Diagnostics;
using Flinq.Checkpointing.Storage;
using Microsoft.Extensions.Logging;

namespace Flinq.Checkpointing;

/// <summary>
/// Triggers checkpoints and completes them (Flink's <c>CheckpointCoordinator</c>). Periodically, or on request
/// for a savepoint, it opens a pending checkpoint and asks every source task to inject a barrier; tasks write
/// their state into the pending checkpoint as the barrier reaches them and acknowledge; when every task has,
/// the checkpoint's metadata is written, it becomes complete, and every task is notified (sinks commit).
/// One checkpoint is in flight at a time. Thread-safe.
/// </summary>
/// <remarks>
/// <b>The final checkpoint</b> (Flink's FLIP-147): with periodic checkpoints on, a source task that reaches the end
/// of its input emits its final watermark and then waits (<see cref="SourceReachedEnd"/>) instead of finishing.
/// Checkpoints go on meanwhile. Once every source has reached its end, the coordinator takes one more checkpoint
/// (after the one in flight, if any), whose barriers follow all data; when it completes and every task has been
/// told (sinks commit their last transaction), the sources are released and the job finishes. So a
/// two-phase-commit sink commits the tail of a bounded input under a checkpoint too, and a failure at the very end
/// restores from that checkpoint instead of replaying a tail that was already committed.
/// </remarks>
internal sealed class CheckpointCoordinator : IDisposable
{
    private readonly object _lock = new();
    private readonly CheckpointingOptions _options;
    private readonly CheckpointStorage _storage;
    private readonly string _jobName;
    private readonly int _maxParallelism;
    private readonly IReadOnlyDictionary<string, int> _operatorParallelism;
    private readonly int _taskCount;
    private readonly Action<long> _triggerSources;
    private readonly Action<long> _notifyComplete;
    private readonly Action<Exception> _failJob;
    private readonly int _sourceTaskCount;
    private readonly Action _releaseSources;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<CheckpointStatistics> _completed = new();
    private readonly List<CheckpointStatistics> _history = new(); // completed and failed, for metrics
    private ITimer? _timer;
    private Pending? _pending;
    private long _nextId;
    private long _lastCompletedTicks;
    private int _consecutiveFailures;
    private bool _stopped;
    private int _sourcesAtEnd;
    private bool _finalRequested;
    private bool _released;

    public CheckpointCoordinator(
        CheckpointingOptions options,
        CheckpointStorage storage,
        string jobName,
        int maxParallelism,
        IReadOnlyDictionary<string, int> operatorParallelism,
        int taskCount,
        long firstCheckpointId,
        Action<long> triggerSources,
        Action<long> notifyComplete,
        Action<Exception> failJob,
        int sourceTaskCount,
        Action releaseSources,
        TimeProvider time,
        ILogger logger)
    {
        _sourceTaskCount = sourceTaskCount;
        _releaseSources = releaseSources;
        _options = options;
        _storage = storage;
        _jobName = jobName;
        _maxParallelism = maxParallelism;
        _operatorParallelism = operatorParallelism;
        _taskCount = taskCount;
        _nextId = firstCheckpointId;
        _triggerSources = triggerSources;
        _notifyComplete = notifyComplete;
        _failJob = failJob;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyList<CheckpointStatistics> Completed
    {
        get
        {
            lock (_lock)
            {
                return _completed.ToArray();
            }
        }
    }

    /// <summary>The last 100 checkpoints and savepoints, completed and failed, oldest first.</summary>
    public IReadOnlyList<CheckpointStatistics> History
    {
        get
        {
            lock (_lock)
            {
                return _history.ToArray();
            }
        }
    }

    /// <summary>Starts periodic checkpoints when an interval is configured.</summary>
    public void Start()
    {
        if (_options.Interval is { } interval)
        {
            _timer = _time.CreateTimer(_ => TriggerPeriodic(), null, interval, interval);
        }
    }

    /// <summary>Triggers a savepoint into <paramref name="directory"/>; completes with its statistics.</summary>
    public Task<CheckpointStatistics> TriggerSavepoint(string directory)
    {
        var storage = new CheckpointStorage(directory, retain: int.MaxValue, _logger, prefix: "savepoint-");
        lock (_lock)
        {
            if (_stopped)
            {
                return Task.FromException<CheckpointStatistics>(new InvalidOperationException("The job is not running any more; no savepoint can be taken."));
            }

            // A savepoint takes precedence over a periodic checkpoint in flight.
            AbortPendingLocked("a savepoint was requested");
            return StartLocked(storage, isSavepoint: true, isFinal: false);
        }
    }

    /// <summary>The pending checkpoint a task writes its state into, or null when it was aborted meanwhile.</summary>
    public PendingCheckpoint? GetPending(long checkpointId)
    {
        lock (_lock)
        {
            return _pending is { } pending && pending.Checkpoint.CheckpointId == checkpointId ? pending.Checkpoint : null;
        }
    }

    /// <summary>A task has stored its state for the checkpoint and forwarded the barrier.</summary>
    public void Acknowledge(long checkpointId, TimeSpan alignment)
    {
        Pending? done = null;
        lock (_lock)
        {
            if (_pending is not { } pending || pending.Checkpoint.CheckpointId != checkpointId)
            {
                return;
            }

            pending.Acks++;
            pending.MaxAlignment = alignment > pending.MaxAlignment ? alignment : pending.MaxAlignment;
            if (pending.Acks == _taskCount)
            {
                done = pending;
                _pending = null;
            }
        }

        if (done is not null)
        {
            CompleteCheckpoint(done);
        }
    }

    /// <summary>A task failed to store its state: the checkpoint is aborted.</summary>
    public void Decline(long checkpointId, Exception reason)
    {
        lock (_lock)
        {
            if (_pending is { } pending && pending.Checkpoint.CheckpointId == checkpointId)
            {
                AbortPendingLocked(reason.Message);
                CountFailureLocked(reason);
            }
        }
    }

    /// <summary>
    /// A source task emitted its last record and watermark. Returns true when it must wait for the final checkpoint
    /// (periodic checkpoints are on): it keeps taking part in checkpoints until the coordinator releases all sources.
    /// </summary>
    public bool SourceReachedEnd()
    {
        lock (_lock)
        {
            if (_options.Interval is null || _stopped || _released)
            {
                return false;
            }

            if (++_sourcesAtEnd == _sourceTaskCount)
            {
                _finalRequested = true;
                if (_pending is null)
                {
                    _ = StartLocked(_storage, isSavepoint: false, isFinal: true);
                }
            }
        }

        return true;
    }

    /// <summary>Stops triggering (a task finished or the job is ending) and aborts what is in flight; waiting sources are released.</summary>
    public void Stop(string reason)
    {
        bool release;
        lock (_lock)
        {
            _stopped = true;
            _timer?.Dispose();
            AbortPendingLocked(reason);
            release = _sourcesAtEnd > 0 && !_released;
            _released = true;
        }

        if (release)
        {
            _releaseSources();
        }
    }

    public void Dispose() => Stop("the job ended");

    private void TriggerPeriodic()
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            if (_pending is { } pending)
            {
                if (Stopwatch.GetElapsedTime(pending.StartTicks) > _options.Timeout)
                {
                    var timeout = new TimeoutException($"Checkpoint {pending.Checkpoint.CheckpointId} did not complete within {_options.Timeout}.");
                    AbortPendingLocked(timeout.Message);
                    CountFailureLocked(timeout);
                }

                return;
            }

            if (_finalRequested)
            {
                _ = StartLocked(_storage, isSavepoint: false, isFinal: true); // the last one failed: try again
                return;
            }

            if (_lastCompletedTicks != 0 && Stopwatch.GetElapsedTime(_lastCompletedTicks) < _options.MinPauseBetweenCheckpoints)
            {
                return;
            }

            _ = StartLocked(_storage, isSavepoint: false, isFinal: false);
        }
    }

    private Task<CheckpointStatistics> StartLocked(CheckpointStorage storage, bool isSavepoint, bool isFinal)
    {
        long id = _nextId++;
        var pending = new Pending(storage.Begin(id), isSavepoint, isFinal, Stopwatch.GetTimestamp());
        _pending = pending;
        _triggerSources(id);
        return pending.Completion.Task;
    }

    private void CompleteCheckpoint(Pending pending)
    {
        try
        {
            var completed = pending.Checkpoint.Complete(_jobName, pending.IsSavepoint, _maxParallelism, _operatorParallelism, _time.GetUtcNow().ToUnixTimeMilliseconds());
            var statistics = new CheckpointStatistics(
                completed.CheckpointId,
                pending.IsSavepoint,
                completed.Path,
                Stopwatch.GetElapsedTime(pending.StartTicks),
                pending.Checkpoint.Size,
                pending.MaxAlignment,
                _time.GetUtcNow());
            lock (_lock)
            {
                AddBounded(_completed, statistics);
                AddBounded(_history, statistics);

                _consecutiveFailures = 0;
                _lastCompletedTicks = Stopwatch.GetTimestamp();
            }

            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Completed {Kind} {CheckpointId} of job {Job} in {Duration} ms ({Size} bytes) at {Path}.", pending.IsSavepoint ? "savepoint" : "checkpoint", statistics.CheckpointId, _jobName, (long)statistics.Duration.TotalMilliseconds, statistics.SizeBytes, statistics.Path);
            }
            _notifyComplete(completed.CheckpointId);
            pending.Completion.TrySetResult(statistics);
            AfterCheckpointEnded(pending.IsFinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            pending.Checkpoint.Abort();
            pending.Completion.TrySetException(e);
            lock (_lock)
            {
                RecordFailureLocked(pending, e.Message);
                CountFailureLocked(e);
            }

            AfterCheckpointEnded(isFinal: false);
        }
    }

    // The final checkpoint completed: release the waiting sources. Another one ended while every source waits for
    // the final one: start it now rather than at the next tick.
    private void AfterCheckpointEnded(bool isFinal)
    {
        bool release = false;
        lock (_lock)
        {
            if (isFinal && !_released)
            {
                _released = true;
                _finalRequested = false;
                release = true;
            }
            else if (_finalRequested && _pending is null && !_stopped)
            {
                _ = StartLocked(_storage, isSavepoint: false, isFinal: true);
            }
        }

        if (release)
        {
            _releaseSources();
        }
    }

    private void AbortPendingLocked(string reason)
    {
        if (_pending is not { } pending)
        {
            return;
        }

        _pending = null;
        _logger.LogWarning("Aborted checkpoint {CheckpointId} of job {Job}: {Reason}", pending.Checkpoint.CheckpointId, _jobName, reason);
        RecordFailureLocked(pending, reason);
        pending.Checkpoint.Abort();
        pending.Completion.TrySetException(new InvalidOperationException($"Checkpoint {pending.Checkpoint.CheckpointId} was aborted: {reason}"));
    }

    private void RecordFailureLocked(Pending pending, string reason)
    {
        var statistics = new CheckpointStatistics(
            pending.Checkpoint.CheckpointId,
            pending.IsSavepoint,
            pending.Checkpoint.Path,
            Stopwatch.GetElapsedTime(pending.StartTicks),
            pending.Checkpoint.Size,
            pending.MaxAlignment,
            _time.GetUtcNow())
        {
            Status = CheckpointStatus.Failed,
            FailureReason = reason,
        };
        AddBounded(_history, statistics);
    }

    private static void AddBounded(List<CheckpointStatistics> list, CheckpointStatistics statistics)
    {
        list.Add(statistics);
        if (list.Count > 100)
        {
            list.RemoveAt(0);
        }
    }

    private void CountFailureLocked(Exception reason)
    {
        _consecutiveFailures++;
        if (_consecutiveFailures > _options.TolerableFailedCheckpoints)
        {
            _failJob(new CheckpointException($"{_consecutiveFailures} checkpoints failed in a row (tolerable: {_options.TolerableFailedCheckpoints}); last: {reason.Message}", reason));
        }
    }

    private sealed class Pending(PendingCheckpoint checkpoint, bool isSavepoint, bool isFinal, long startTicks)
    {
        public PendingCheckpoint Checkpoint { get; } = checkpoint;

        public bool IsSavepoint { get; } = isSavepoint;

        public bool IsFinal { get; } = isFinal;

        public long StartTicks { get; } = startTicks;

        public int Acks { get; set; }

        public TimeSpan MaxAlignment { get; set; }

        public TaskCompletionSource<CheckpointStatistics> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

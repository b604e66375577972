using System.Diagnostics;
using Flinq.Checkpointing;
using Flinq.Checkpointing.Snapshots;
using Flinq.Connectors;
using Flinq.Operators;
using Flinq.Runtime.Exchange;
using Flinq.Time;

namespace Flinq.Runtime.Tasks;

/// <summary>
/// One parallel instance of a chain, on its own thread. Its loop runs mail (timers, later checkpoint
/// steps), then input: a batch from the input gate or a poll of the source. Output batches are flushed
/// when the task runs out of input or the buffer timeout passes, so batches are full under load and latency
/// stays low when idle. When all input has ended the chain finishes head first and the end of partition
/// goes downstream; on failure or cancellation the operators are only closed.
/// </summary>
internal sealed class StreamTask
{
    private readonly List<IStreamOperator> _operators = new(); // topological: head first
    private readonly List<string> _uids = new();
    private readonly List<IOutputFlusher> _flushers = new();
    private readonly long _bufferTimeoutMs;
    private long _lastFlush;
    private bool _released;

    public StreamTask(string name, int subtaskIndex, int parallelism, TaskServices services, TimeSpan bufferTimeout)
    {
        Name = name;
        SubtaskIndex = subtaskIndex;
        Parallelism = parallelism;
        Services = services;
        _bufferTimeoutMs = (long)bufferTimeout.TotalMilliseconds;
    }

    public string Name { get; }

    public int SubtaskIndex { get; }

    public int Parallelism { get; }

    public TaskServices Services { get; }

    public InputGate? InputGate { get; set; }

    public ISourceOperator? Source { get; set; }

    /// <summary>Receives this task's state in checkpoints; null when checkpointing is off.</summary>
    public CheckpointCoordinator? Coordinator { get; set; }

    public void AddOperatorAtHead(IStreamOperator op, string uid)
    {
        _operators.Insert(0, op);
        _uids.Insert(0, uid);
    }

    /// <summary>Starts a checkpoint at this source task (posted to its mailbox by the coordinator).</summary>
    public void TriggerCheckpoint(long checkpointId) => Services.Mailbox.Post(() => PerformCheckpoint(checkpointId, TimeSpan.Zero));

    /// <summary>Tells the operators a checkpoint is complete (posted to the mailbox).</summary>
    public void NotifyCheckpointComplete(long checkpointId) => Services.Mailbox.Post(() =>
    {
        foreach (var op in _operators)
        {
            if (op is ICheckpointedOperator checkpointed)
            {
                checkpointed.NotifyCheckpointComplete(checkpointId);
            }
        }
    });

    /// <summary>
    /// Snapshots every operator of the chain into the pending checkpoint, then sends the barrier downstream and
    /// acknowledges. Runs on the task thread between records: for a source after a poll, for other tasks when the
    /// barrier has arrived on every input channel.
    /// </summary>
    public void PerformCheckpoint(long checkpointId, TimeSpan alignment)
    {
        var coordinator = Coordinator;
        if (coordinator is null)
        {
            return;
        }

        var pending = coordinator.GetPending(checkpointId);
        if (pending is not null)
        {
            for (int i = 0; i < _operators.Count; i++)
            {
                if (_operators[i] is ICheckpointedOperator checkpointed)
                {
                    var writer = new OperatorSnapshotWriter();
                    checkpointed.SnapshotState(writer, checkpointId);
                    if (!writer.IsEmpty)
                    {
                        bool written;
                        try
                        {
                            written = pending.WriteState(_uids[i], SubtaskIndex, writer.ToBytes());
                        }
                        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                        {
                            coordinator.Decline(checkpointId, e);
                            written = false;
                        }

                        if (!written)
                        {
                            pending = null; // aborted meanwhile: still forward the barrier, do not acknowledge
                            break;
                        }
                    }
                }
            }
        }

        foreach (var flusher in _flushers)
        {
            flusher.EmitBarrier(checkpointId);
        }

        if (pending is not null)
        {
            coordinator.Acknowledge(checkpointId, alignment);
        }
    }

    /// <summary>Lets a source task that waits for the final checkpoint finish (posted to the mailbox).</summary>
    public void ReleaseAfterFinalCheckpoint() => Services.Mailbox.Post(() => _released = true);

    public void AddFlusher(IOutputFlusher flusher) => _flushers.Add(flusher);

    /// <summary>
    /// Reads this instance's metrics; called from any thread while the task runs (the operator list is complete
    /// before the task starts, and every counter tolerates racy reads: see <see cref="TaskIOMetrics"/>).
    /// </summary>
    /// <param name="now">The snapshot's <see cref="Stopwatch"/> timestamp, shared by all tasks of one snapshot.</param>
    public SubtaskMetrics SnapshotMetrics(long now)
    {
        var metrics = Services.Metrics;
        long recordsIn = metrics.RecordsIn + (Source?.RecordsEmitted ?? 0);
        long recordsOut = metrics.RecordsOut;
        foreach (var op in _operators)
        {
            if (op is ISinkOperator sink)
            {
                recordsOut += sink.RecordsWritten;
            }
        }

        long input = InputGate?.InputWatermark ?? long.MinValue;
        long output = metrics.OutputWatermark;
        var (uptime, backPressured, idle) = metrics.ReadTimes(now);
        return new SubtaskMetrics(
            SubtaskIndex,
            recordsIn,
            recordsOut,
            input == long.MinValue ? null : new Watermark(input),
            output == long.MinValue ? null : new Watermark(output),
            Stopwatch.GetElapsedTime(0, uptime),
            Stopwatch.GetElapsedTime(0, backPressured),
            Stopwatch.GetElapsedTime(0, idle));
    }

    /// <summary>Runs the task to its end. Throws what failed it; <see cref="OperationCanceledException"/> when cancelled.</summary>
    public void Run()
    {
        var cancellation = Services.Cancellation;
        Exception? closeError;
        Services.Metrics.Started();
        try
        {
            OpenAll();

            _lastFlush = Environment.TickCount64;
            if (Source is not null)
            {
                RunSource(Source, cancellation);
            }
            else
            {
                RunInputs(InputGate!, cancellation);
            }

            Services.Mailbox.RunPending();
            FinishAll();

            foreach (var flusher in _flushers)
            {
                flusher.Flush();
                flusher.EndOfPartition();
            }
        }
        finally
        {
            Services.Metrics.Ended();
            Services.Dispose();
            closeError = CloseAll();
        }

        // Reached only after success: a failure in Close then fails the task. After a failure, that failure
        // propagates and errors from Close are dropped in its favour.
        if (closeError is not null)
        {
            throw closeError;
        }
    }

    private void RunSource(ISourceOperator source, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (Services.Mailbox.HasMail)
            {
                Services.Mailbox.RunPending();
            }

            switch (source.PollNext())
            {
                case InputStatus.MoreAvailable:
                    FlushIfTimedOut();
                    break;
                case InputStatus.NothingAvailable:
                    WaitForWork(cancellation);
                    break;
                default:
                    source.EndOfInput();
                    if (Coordinator?.SourceReachedEnd() == true)
                    {
                        WaitForFinalCheckpoint(cancellation);
                    }

                    return;
            }
        }
    }

    // The input has ended but the task stays until the final checkpoint completed (see CheckpointCoordinator):
    // it takes part in checkpoints (barriers after all its records) and hears of their completion.
    private void WaitForFinalCheckpoint(CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            Services.Mailbox.RunPending();
            if (_released)
            {
                return;
            }

            WaitForWork(cancellation);
        }
    }

    private void RunInputs(InputGate gate, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (Services.Mailbox.HasMail)
            {
                Services.Mailbox.RunPending();
            }

            if (gate.PollNext())
            {
                FlushIfTimedOut();
                continue;
            }

            if (gate.IsFinished)
            {
                return;
            }

            WaitForWork(cancellation);
        }
    }

    // Before sleeping, hand partial batches downstream: an idle producer must not hold records back.
    private void WaitForWork(CancellationToken cancellation)
    {
        Flush();
        var metrics = Services.Metrics;
        metrics.BeginIdle();
        try
        {
            Services.Wakeup.Wait(Timeout.InfiniteTimeSpan, cancellation);
        }
        finally
        {
            metrics.EndIdle();
        }
    }

    private void FlushIfTimedOut()
    {
        long now = Environment.TickCount64;
        if (now - _lastFlush >= _bufferTimeoutMs)
        {
            Flush();
        }
    }

    private void Flush()
    {
        foreach (var flusher in _flushers)
        {
            flusher.Flush();
        }

        _lastFlush = Environment.TickCount64;
    }

    // Open, Finish and Close run user code (RichFunction.Open/Close, SinkWriter.Flush) outside the per-record
    // paths that tag errors with their operator; tag here, or a failure would name the whole chain instead of
    // the operator that threw. The tag keeps the innermost name, so an operator's own tagging still wins.
    private void OpenAll()
    {
        for (int i = _operators.Count - 1; i >= 0; i--)
        {
            var op = _operators[i];
            try
            {
                op.Open();
            }
            catch (Exception e) when (OperatorErrors.Tag(e, op.Name))
            {
                throw;
            }
        }
    }

    private void FinishAll()
    {
        foreach (var op in _operators)
        {
            try
            {
                op.Finish();
            }
            catch (Exception e) when (OperatorErrors.Tag(e, op.Name))
            {
                throw;
            }
        }
    }

    private Exception? CloseAll()
    {
        List<Exception>? errors = null;
        for (int i = _operators.Count - 1; i >= 0; i--)
        {
            var op = _operators[i];
            try
            {
                op.Close();
            }
            catch (Exception e)
            {
                OperatorErrors.Tag(e, op.Name);
                (errors ??= new()).Add(e);
            }
        }

        return errors is null ? null : errors.Count == 1 ? errors[0] : new AggregateException("Closing operators failed.", errors);
    }
}

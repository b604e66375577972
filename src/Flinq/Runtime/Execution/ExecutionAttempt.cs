using Flinq.Checkpointing.Snapshots;
using Flinq.Operators;
using Flinq.Runtime.Exchange;
using Flinq.Runtime.Graph;
using Flinq.Runtime.Tasks;

namespace Flinq.Runtime.Execution;

/// <summary>
/// One run of a <see cref="JobGraph"/> in this process: one thread per parallel task, channels for every
/// exchange, chains wired tail to head, operators given their restored state. The first failure cancels every
/// other task; the attempt ends when all task threads have ended. A restart is a new attempt.
/// </summary>
internal sealed class ExecutionAttempt
{
    private readonly JobGraph _graph;
    private readonly StreamExecutionOptions _options;
    private readonly CancellationTokenSource _cancellation;
    private readonly IReadOnlyDictionary<string, OperatorRestoreState[]> _restore;
    private readonly List<StreamTask> _tasks = new();
    private readonly Dictionary<JobVertex, StreamTask[]> _tasksByVertex = new();
    private readonly List<IExchangeChannel> _channels = new();
    private readonly object _failureLock = new();
    private int _remaining;

    public ExecutionAttempt(JobGraph graph, StreamExecutionOptions options, IReadOnlyDictionary<string, OperatorRestoreState[]> restore, CancellationToken jobCancellation)
    {
        _graph = graph;
        _options = options;
        _restore = restore;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(jobCancellation);
        BuildTasks();
    }

    /// <summary>The first exception that failed a task, with the task; null while none did.</summary>
    public (Exception Error, StreamTask Task)? Failure { get; private set; }

    public IReadOnlyList<StreamTask> Tasks => _tasks;

    /// <summary>The parallel instances of one task of the graph, by subtask index.</summary>
    public IReadOnlyList<StreamTask> TasksOf(JobVertex vertex) => _tasksByVertex[vertex];

    public IEnumerable<StreamTask> SourceTasks => _tasks.Where(t => t.Source is not null);

    public long PeakQueuedRecords => _channels.Count == 0 ? 0 : _channels.Max(c => c.PeakQueuedRecords);

    /// <summary>Called on a task thread whenever a task ends normally (all its input consumed).</summary>
    public Action<StreamTask>? TaskFinished { get; set; }

    /// <summary>Fails the attempt from outside the tasks (e.g. too many failed checkpoints).</summary>
    public void Fail(Exception error, StreamTask? task = null)
    {
        lock (_failureLock)
        {
            Failure ??= (error, task ?? _tasks[0]);
        }

        _cancellation.Cancel();
    }

    /// <summary>Stops every task (cancellation, or stop after a savepoint).</summary>
    public void Cancel() => _cancellation.Cancel();

    /// <summary>Runs every task on its own thread; completes when all have ended.</summary>
    public Task RunAsync()
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _remaining = _tasks.Count;
        foreach (var task in _tasks)
        {
            var thread = new Thread(() =>
            {
                RunTask(task);
                if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _cancellation.Dispose();
                    completion.SetResult();
                }
            })
            {
                IsBackground = true,
                Name = $"Flinq: {task.Name} ({task.SubtaskIndex + 1}/{task.Parallelism})",
            };
            thread.Start();
        }

        return completion.Task;
    }

    private void RunTask(StreamTask task)
    {
        try
        {
            task.Run();
            TaskFinished?.Invoke(task);
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // Cancelled because the job was cancelled or another task failed: not this task's failure.
        }
        catch (Exception e)
        {
            Fail(e, task);
        }
    }

    private void BuildTasks()
    {
        var cancellation = _cancellation.Token;
        var tasksByVertex = _tasksByVertex;
        foreach (var vertex in _graph.Vertices)
        {
            var tasks = new StreamTask[vertex.Parallelism];
            for (int i = 0; i < tasks.Length; i++)
            {
                tasks[i] = new StreamTask(vertex.Name, i, vertex.Parallelism, new TaskServices(_options.TimeProvider, cancellation), _options.BufferTimeout);
                _tasks.Add(tasks[i]);
            }

            tasksByVertex.Add(vertex, tasks);
        }

        // Channels of each network edge: [producer][consumer], only the diagonal for pointwise edges.
        var channels = new Dictionary<StreamEdge, object?[,]>();
        foreach (var node in _graph.Nodes)
        {
            foreach (var edge in node.OutEdges.Where(e => !e.IsChained))
            {
                var consumers = tasksByVertex[edge.Target.Vertex];
                var grid = new object?[edge.Source.Parallelism, edge.Target.Parallelism];
                for (int p = 0; p < edge.Source.Parallelism; p++)
                {
                    for (int c = 0; c < edge.Target.Parallelism; c++)
                    {
                        if (!edge.Partitioner.IsPointwise || p == c)
                        {
                            var channel = edge.Partitioner.CreateChannel(_options.ChannelCapacity, _options.BatchSize, consumers[c].Services.Wakeup, cancellation);
                            grid[p, c] = channel;
                            _channels.Add((IExchangeChannel)channel);
                        }
                    }
                }

                channels.Add(edge, grid);
            }
        }

        foreach (var vertex in _graph.Vertices)
        {
            var tasks = tasksByVertex[vertex];
            for (int i = 0; i < tasks.Length; i++)
            {
                var headInputs = BuildChain(vertex, tasks[i], channels);
                if (vertex.Head.InEdges.Count > 0)
                {
                    var task = tasks[i];
                    task.InputGate = BuildInputGate(vertex, i, headInputs, channels, task.Services.Metrics);
                    task.InputGate.SetBarrierHandler(_options.Checkpointing.Mode, task.PerformCheckpoint);
                }
            }
        }
    }

    /// <summary>Instantiates the chain's operators tail first, so each gets its downstream as output.</summary>
    private object[] BuildChain(JobVertex vertex, StreamTask task, Dictionary<StreamEdge, object?[,]> channels)
    {
        var inputsByNode = new Dictionary<StreamNode, object[]>();
        for (int n = vertex.Nodes.Count - 1; n >= 0; n--)
        {
            var node = vertex.Nodes[n];
            var context = new OperatorContext(node.Name, task.SubtaskIndex, task.Parallelism, _graph.MaxParallelism, task.Services.ProcessingTime)
            {
                Uid = node.Uid,
                RestoreState = _restore.TryGetValue(node.Uid, out var states) ? states[task.SubtaskIndex] : OperatorRestoreState.Empty,
                Serializers = _options.Serializers,
                AutoWatermarkInterval = _options.AutoWatermarkInterval,
            };

            object? mainOutput = BuildOutputs(node, task, context, inputsByNode, channels);
            var instance = ((IPhysicalTransformation)node.Transformation).Instantiate(context, mainOutput, task.Services);
            inputsByNode.Add(node, instance.Inputs);
            task.AddOperatorAtHead(instance.Operator, node.Uid);
            if (instance.Operator is ISourceOperator source)
            {
                task.Source = source;
            }
        }

        return inputsByNode[vertex.Head];
    }

    private static object? BuildOutputs(StreamNode node, StreamTask task, OperatorContext context, Dictionary<StreamNode, object[]> inputsByNode, Dictionary<StreamEdge, object?[,]> channels)
    {
        object? mainOutput = null;
        var sideOutputs = new List<IWatermarkInput>();
        foreach (var group in node.OutEdges.GroupBy(e => e.SideOutputId))
        {
            var targets = new List<object>();
            foreach (var edge in group)
            {
                if (edge.IsChained)
                {
                    targets.Add(inputsByNode[edge.Target][edge.InputIndex]);
                }
                else
                {
                    var grid = channels[edge];
                    var mine = new List<object>();
                    for (int c = 0; c < grid.GetLength(1); c++)
                    {
                        if (grid[task.SubtaskIndex, c] is { } channel)
                        {
                            mine.Add(channel);
                        }
                    }

                    var writer = edge.Partitioner.CreateWriter(mine, task.SubtaskIndex, task.Services.Metrics);
                    task.AddFlusher(writer);
                    targets.Add(writer);
                }
            }

            var first = group.First();
            var combined = first.Partitioner.CombineOutputs(targets);
            if (first.SideOutputTag is null)
            {
                mainOutput = combined;
            }
            else
            {
                first.Partitioner.RegisterSideOutput(context, first.SideOutputTag, combined);
                sideOutputs.Add((IWatermarkInput)combined);
            }
        }

        mainOutput ??= node.Transformation.CreateDiscardingOutput();
        return mainOutput is not null && sideOutputs.Count > 0 ? node.Transformation.WithSideOutputTime(mainOutput, sideOutputs.ToArray()) : mainOutput;
    }

    private static InputGate BuildInputGate(JobVertex vertex, int subtask, object[] headInputs, Dictionary<StreamEdge, object?[,]> channels, TaskIOMetrics metrics)
    {
        var inputEdges = vertex.Head.InEdges;
        var gate = new InputGate(metrics);
        for (int inputIndex = 0; inputIndex < headInputs.Length; inputIndex++)
        {
            var edges = inputEdges.Where(e => e.InputIndex == inputIndex).ToList();
            var mine = new List<(StreamEdge Edge, object Channel)>();
            foreach (var edge in edges)
            {
                var grid = channels[edge];
                for (int p = 0; p < grid.GetLength(0); p++)
                {
                    if (grid[p, subtask] is { } channel)
                    {
                        mine.Add((edge, channel));
                    }
                }
            }

            var valve = new WatermarkValve(mine.Count);
            gate.AddValve(valve);
            for (int c = 0; c < mine.Count; c++)
            {
                gate.Add(mine[c].Edge.Partitioner.CreateReader(mine[c].Channel, headInputs[inputIndex], valve, c));
            }
        }

        return gate;
    }
}

using System.Diagnostics;
using Flinq.Operators;
using Flinq.Runtime.Exchange;
using Flinq.Runtime.Graph;
using Flinq.Runtime.Tasks;

namespace Flinq.Runtime.Execution;

/// <summary>
/// Runs a <see cref="JobGraph"/> in this process: one thread per parallel task, channels for every
/// exchange, chains wired tail to head. The first failure cancels every other task; the job ends when all
/// task threads have ended.
/// </summary>
internal sealed class JobRunner
{
    private readonly JobGraph _graph;
    private readonly StreamExecutionOptions _options;
    private readonly CancellationTokenSource _jobCancellation;
    private readonly CancellationToken _userCancellation;
    private readonly List<StreamTask> _tasks = new();
    private readonly List<IExchangeChannel> _channels = new();
    private readonly object _failureLock = new();
    private Exception? _failure;
    private StreamTask? _failedTask;

    public JobRunner(JobGraph graph, StreamExecutionOptions options, CancellationToken cancellationToken)
    {
        _graph = graph;
        _options = options;
        _userCancellation = cancellationToken;
        _jobCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public Task<JobExecutionResult> RunAsync()
    {
        var completion = new TaskCompletionSource<JobExecutionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopwatch = Stopwatch.StartNew();
        BuildTasks();

        int remaining = _tasks.Count;
        foreach (var task in _tasks)
        {
            var thread = new Thread(() =>
            {
                RunTask(task);
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    Complete(completion, stopwatch.Elapsed);
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
        }
        catch (OperationCanceledException) when (_jobCancellation.IsCancellationRequested)
        {
            // Cancelled because the user asked or another task failed: not this task's failure.
        }
        catch (Exception e)
        {
            lock (_failureLock)
            {
                if (_failure is null)
                {
                    _failure = e;
                    _failedTask = task;
                }
            }

            _jobCancellation.Cancel();
        }
    }

    private void Complete(TaskCompletionSource<JobExecutionResult> completion, TimeSpan duration)
    {
        _jobCancellation.Dispose();
        if (_failure is not null)
        {
            var op = OperatorErrors.OperatorOf(_failure) ?? _failedTask!.Name;
            completion.SetException(new JobExecutionException(_graph.JobName, op, _failedTask!.SubtaskIndex, _failure));
        }
        else if (_userCancellation.IsCancellationRequested)
        {
            completion.SetCanceled(_userCancellation);
        }
        else
        {
            long peak = _channels.Count == 0 ? 0 : _channels.Max(c => c.PeakQueuedRecords);
            completion.SetResult(new JobExecutionResult(_graph.JobName, duration, peak));
        }
    }

    private void BuildTasks()
    {
        var cancellation = _jobCancellation.Token;
        var tasksByVertex = new Dictionary<JobVertex, StreamTask[]>();
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
                    tasks[i].InputGate = BuildInputGate(vertex, i, headInputs, channels);
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
                AutoWatermarkInterval = _options.AutoWatermarkInterval,
            };

            object? mainOutput = BuildOutputs(node, task, context, inputsByNode, channels);
            var instance = ((IPhysicalTransformation)node.Transformation).Instantiate(context, mainOutput, task.Services);
            inputsByNode.Add(node, instance.Inputs);
            task.AddOperatorAtHead(instance.Operator);
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

                    var writer = edge.Partitioner.CreateWriter(mine, task.SubtaskIndex);
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
            }
        }

        return mainOutput ?? node.Transformation.CreateDiscardingOutput();
    }

    private static InputGate BuildInputGate(JobVertex vertex, int subtask, object[] headInputs, Dictionary<StreamEdge, object?[,]> channels)
    {
        var inputEdges = vertex.Head.InEdges;
        var gate = new InputGate();
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
            for (int c = 0; c < mine.Count; c++)
            {
                gate.Add(mine[c].Edge.Partitioner.CreateReader(mine[c].Channel, headInputs[inputIndex], valve, c));
            }
        }

        return gate;
    }
}

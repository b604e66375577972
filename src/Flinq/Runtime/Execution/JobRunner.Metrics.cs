using System.Diagnostics;
using Flinq.Checkpointing;
using Flinq.Runtime.Graph;

namespace Flinq.Runtime.Execution;

/// <summary>The job's metrics snapshot: read from the tasks of the current (or last) attempt, from any thread.</summary>
internal sealed partial class JobRunner
{
    /// <summary>The execution plan as JSON; its <c>tasks[].id</c> are the <see cref="VertexMetrics.Id"/>s of <see cref="GetMetrics"/>.</summary>
    public string ExecutionPlanJson => ExecutionPlan.ToJson(_graph);

    public JobMetrics GetMetrics()
    {
        ExecutionAttempt? attempt;
        IReadOnlyList<CheckpointStatistics> checkpoints;
        int restarts;
        lock (_lock)
        {
            attempt = _attempt;
            checkpoints = _coordinator?.History ?? CheckpointHistory;
            restarts = _restarts;
        }

        long now = Stopwatch.GetTimestamp();
        var vertices = new VertexMetrics[_graph.Vertices.Count];
        for (int v = 0; v < vertices.Length; v++)
        {
            var vertex = _graph.Vertices[v];
            var subtasks = new SubtaskMetrics[vertex.Parallelism];
            var tasks = attempt?.TasksOf(vertex);
            for (int i = 0; i < subtasks.Length; i++)
            {
                subtasks[i] = tasks is null
                    ? new SubtaskMetrics(i, 0, 0, null, null, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero)
                    : tasks[i].SnapshotMetrics(now);
            }

            var operatorIds = new int[vertex.Nodes.Count];
            for (int n = 0; n < operatorIds.Length; n++)
            {
                operatorIds[n] = vertex.Nodes[n].Id;
            }

            vertices[v] = new VertexMetrics(vertex.Id, vertex.Name, vertex.Parallelism, operatorIds, subtasks);
        }

        return new JobMetrics(_graph.JobName, _options.TimeProvider.GetUtcNow(), restarts, vertices, checkpoints);
    }
}

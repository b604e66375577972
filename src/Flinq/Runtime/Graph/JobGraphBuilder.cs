using Flinq.Runtime.Exchange;

namespace Flinq.Runtime.Graph;

/// <summary>
/// Turns the logical transformations into a <see cref="JobGraph"/>: resolves virtual nodes into edges,
/// fixes parallelism and default partitioning (forward between equal parallelism, else rebalance), and
/// chains operators connected by a forward edge where the target has no other input.
/// </summary>
internal static class JobGraphBuilder
{
    public static JobGraph Build(string jobName, IReadOnlyList<Transformation> transformations, StreamExecutionOptions options)
    {
        var physical = transformations.Where(t => !t.IsVirtual).OrderBy(t => t.Id).ToList();
        if (physical.Count == 0)
        {
            throw new InvalidOperationException("The job has no operators: add a source and a sink before executing.");
        }

        var nodes = new Dictionary<Transformation, StreamNode>();
        foreach (var transformation in physical)
        {
            nodes.Add(transformation, new StreamNode(transformation, ResolveParallelism(transformation, options)));
        }

        foreach (var transformation in physical)
        {
            var target = nodes[transformation];
            var inputs = transformation.Inputs;
            for (int inputIndex = 0; inputIndex < inputs.Count; inputIndex++)
            {
                AddEdges(nodes, target, inputs[inputIndex], inputs[inputIndex], partitioner: null, tag: null, tagId: null, inputIndex);
            }
        }

        var ordered = physical.Select(t => nodes[t]).ToList();
        AssignUids(ordered);
        var vertices = new List<JobVertex>();
        foreach (var node in ordered)
        {
            var inEdge = node.InEdges.Count == 1 ? node.InEdges[0] : null;
            if (inEdge is not null && IsChainable(inEdge, options))
            {
                inEdge.IsChained = true;
                node.Vertex = inEdge.Source.Vertex;
                node.Vertex.Nodes.Add(node);
            }
            else
            {
                node.Vertex = new JobVertex(vertices.Count, node);
                vertices.Add(node.Vertex);
            }
        }

        return new JobGraph(jobName, options.MaxParallelism, ordered, vertices);
    }

    private static void AssignUids(List<StreamNode> nodes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            node.Uid = node.Transformation.Uid ?? $"{i}:{node.Name}";
            if (!seen.Add(node.Uid))
            {
                throw new InvalidOperationException($"Two operators have the uid '{node.Uid}': uids identify state in checkpoints and must be unique.");
            }
        }
    }

    private static int ResolveParallelism(Transformation transformation, StreamExecutionOptions options)
    {
        int resolved = ResolveParallelismCore(transformation, options);
        if (resolved > options.MaxParallelism)
        {
            throw new InvalidOperationException(
                $"Operator '{transformation.Name}' has parallelism {resolved}, above MaxParallelism {options.MaxParallelism}: keyed state is split into MaxParallelism key groups, so no more instances can own any. Raise MaxParallelism or lower the parallelism.");
        }

        return resolved;
    }

    private static int ResolveParallelismCore(Transformation transformation, StreamExecutionOptions options)
    {
        int max = transformation.MaxParallelism ?? int.MaxValue;
        if (transformation.Parallelism > 0)
        {
            if (transformation.Parallelism > max)
            {
                throw new InvalidOperationException($"Operator '{transformation.Name}' supports parallelism {max} at most; {transformation.Parallelism} was set.");
            }

            return transformation.Parallelism;
        }

        return Math.Min(options.Parallelism, max);
    }

    private static void AddEdges(
        Dictionary<Transformation, StreamNode> nodes,
        StreamNode target,
        Transformation directInput,
        Transformation current,
        StreamPartitioner? partitioner,
        object? tag,
        string? tagId,
        int inputIndex)
    {
        switch (current)
        {
            case { IsVirtual: false }:
                var source = nodes[current];
                partitioner ??= DefaultPartitioner(directInput, source, target);
                if (partitioner.IsPointwise && source.Parallelism != target.Parallelism)
                {
                    throw new InvalidOperationException(
                        $"Forward partitioning needs equal parallelism, but '{source.Name}' has {source.Parallelism} and '{target.Name}' has {target.Parallelism}. Use Rebalance() or set equal parallelism.");
                }

                var edge = new StreamEdge(source, target, partitioner, tag, tagId, inputIndex);
                source.OutEdges.Add(edge);
                target.InEdges.Add(edge);
                break;
            default:
                foreach (var (input, nextPartitioner, nextTag, nextTagId) in Unwrap(current, partitioner, tag, tagId))
                {
                    AddEdges(nodes, target, directInput, input, nextPartitioner, nextTag, nextTagId, inputIndex);
                }

                break;
        }
    }

    private static IEnumerable<(Transformation Input, StreamPartitioner? Partitioner, object? Tag, string? TagId)> Unwrap(
        Transformation virtualNode, StreamPartitioner? partitioner, object? tag, string? tagId)
    {
        // The partitioner closest to the consumer wins, as in Flink.
        partitioner ??= virtualNode.VirtualPartitioner;
        if (virtualNode.VirtualSideOutput is { } side)
        {
            (tag, tagId) = side;
        }

        foreach (var input in virtualNode.Inputs)
        {
            yield return (input, partitioner, tag, tagId);
        }
    }

    private static StreamPartitioner DefaultPartitioner(Transformation directInput, StreamNode source, StreamNode target) =>
        directInput.CreateDefaultPartitioner(forward: source.Parallelism == target.Parallelism);

    private static bool IsChainable(StreamEdge edge, StreamExecutionOptions options) =>
        options.ChainingEnabled
        && edge.Partitioner is { IsPointwise: true }
        && edge.Source.Parallelism == edge.Target.Parallelism
        && edge.Target.Transformation.Chaining == ChainingStrategy.Always
        && edge.Source.Transformation.Chaining != ChainingStrategy.Never;
}

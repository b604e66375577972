using System.Text;
using System.Text.Json;

namespace Flinq.Runtime.Graph;

/// <summary>
/// Writes a <see cref="JobGraph"/> as JSON in the shape of Flink's <c>getExecutionPlan()</c> — a
/// <c>nodes</c> array of operators with their predecessors and ship strategies — plus a <c>tasks</c> array
/// showing which operators are chained into which task (what the dashboard draws).
/// </summary>
internal static class ExecutionPlan
{
    public static string ToJson(JobGraph graph)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("jobName", graph.JobName);
            json.WriteNumber("maxParallelism", graph.MaxParallelism);
            json.WriteStartArray("nodes");
            foreach (var node in graph.Nodes)
            {
                json.WriteStartObject();
                json.WriteNumber("id", node.Id);
                json.WriteString("type", node.Name);
                json.WriteString("pact", node.Transformation.Pact);
                json.WriteString("contents", node.Name);
                json.WriteNumber("parallelism", node.Parallelism);
                if (node.Transformation.Uid is { } uid)
                {
                    json.WriteString("uid", uid);
                }

                json.WriteNumber("task", node.Vertex.Id);
                if (node.InEdges.Count > 0)
                {
                    json.WriteStartArray("predecessors");
                    foreach (var edge in node.InEdges)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("id", edge.Source.Id);
                        json.WriteString("ship_strategy", edge.Partitioner.ShipStrategy);
                        json.WriteString("side", edge.InputIndex == 0 ? "first" : "second");
                        json.WriteBoolean("chained", edge.IsChained);
                        if (edge.SideOutputId is { } tag)
                        {
                            json.WriteString("side_output", tag);
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("tasks");
            foreach (var vertex in graph.Vertices)
            {
                json.WriteStartObject();
                json.WriteNumber("id", vertex.Id);
                json.WriteString("name", vertex.Name);
                json.WriteNumber("parallelism", vertex.Parallelism);
                json.WriteStartArray("operators");
                foreach (var node in vertex.Nodes)
                {
                    json.WriteNumberValue(node.Id);
                }

                json.WriteEndArray();
                json.WriteStartArray("inputs");
                foreach (var edge in vertex.InputEdges)
                {
                    json.WriteStartObject();
                    json.WriteNumber("task", edge.Source.Vertex.Id);
                    json.WriteNumber("operator", edge.Source.Id);
                    json.WriteString("ship_strategy", edge.Partitioner.ShipStrategy);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

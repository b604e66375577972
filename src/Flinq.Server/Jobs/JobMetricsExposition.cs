using System.Globalization;
using System.Text;
using Flinq.Checkpointing;

namespace Flinq.Server.Jobs;

/// <summary>
/// The jobs' metrics in the Prometheus text format, appended to the server's <c>/metrics</c>: per task instance
/// <c>flinq_job_operator_*{job,vertex,operator,subtask}</c> (records in/out, seconds back-pressured/busy/idle as
/// counters — take <c>rate()</c> — and watermarks as gauges), and per job its state, restarts and last checkpoint.
/// </summary>
internal static class JobMetricsExposition
{
    public static void Render(StringBuilder sb, IReadOnlyList<JobView> jobs)
    {
        var c = CultureInfo.InvariantCulture;
        Family(sb, "flinq_job_up", "gauge", "1 while the engine job runs, 0 once it ended.");
        foreach (var job in jobs)
        {
            sb.Append(c, $"flinq_job_up{{job=\"{Escape(job.Name)}\"}} {(job.State == "RUNNING" ? 1 : 0)}\n");
        }

        Family(sb, "flinq_job_restarts_total", "counter", "Restarts of the job after failures.");
        foreach (var job in jobs)
        {
            sb.Append(c, $"flinq_job_restarts_total{{job=\"{Escape(job.Name)}\"}} {job.Restarts}\n");
        }

        PerSubtask(sb, jobs, "flinq_job_operator_records_in_total", "counter", "Records a task instance received (a source task: records its source emitted).", s => s.RecordsIn);
        PerSubtask(sb, jobs, "flinq_job_operator_records_out_total", "counter", "Records a task instance sent downstream or handed to its sinks.", s => s.RecordsOut);
        PerSubtask(sb, jobs, "flinq_job_operator_backpressured_seconds_total", "counter", "Time a task instance was blocked on a full output channel.", s => s.BackPressuredTime.TotalSeconds);
        PerSubtask(sb, jobs, "flinq_job_operator_busy_seconds_total", "counter", "Time a task instance was working (neither back-pressured nor idle).", s => s.BusyTime.TotalSeconds);
        PerSubtask(sb, jobs, "flinq_job_operator_idle_seconds_total", "counter", "Time a task instance waited for input.", s => s.IdleTime.TotalSeconds);
        PerSubtask(sb, jobs, "flinq_job_operator_input_watermark_milliseconds", "gauge", "The watermark a task instance received (epoch ms); absent before the first.", s => s.InputWatermark?.Milliseconds);
        PerSubtask(sb, jobs, "flinq_job_operator_output_watermark_milliseconds", "gauge", "The last watermark a task instance emitted (epoch ms); absent before the first.", s => s.OutputWatermark?.Milliseconds);

        Family(sb, "flinq_job_last_checkpoint_duration_seconds", "gauge", "Duration of the job's last completed checkpoint.");
        foreach (var job in jobs)
        {
            if (LastCompleted(job) is { } last)
            {
                sb.Append(c, $"flinq_job_last_checkpoint_duration_seconds{{job=\"{Escape(job.Name)}\"}} {last.Duration.TotalSeconds.ToString("R", c)}\n");
            }
        }

        Family(sb, "flinq_job_last_checkpoint_size_bytes", "gauge", "State size of the job's last completed checkpoint.");
        foreach (var job in jobs)
        {
            if (LastCompleted(job) is { } last)
            {
                sb.Append(c, $"flinq_job_last_checkpoint_size_bytes{{job=\"{Escape(job.Name)}\"}} {last.SizeBytes}\n");
            }
        }
    }

    private static void PerSubtask(StringBuilder sb, IReadOnlyList<JobView> jobs, string name, string type, string help, Func<SubtaskMetrics, double?> value)
    {
        var c = CultureInfo.InvariantCulture;
        Family(sb, name, type, help);
        foreach (var job in jobs)
        {
            string jobLabel = Escape(job.Name);
            foreach (var vertex in job.Metrics.Vertices)
            {
                string operatorLabel = Escape(vertex.Name);
                foreach (var subtask in vertex.Subtasks)
                {
                    if (value(subtask) is { } v)
                    {
                        sb.Append(c, $"{name}{{job=\"{jobLabel}\",vertex=\"{vertex.Id}\",operator=\"{operatorLabel}\",subtask=\"{subtask.Subtask}\"}} {v.ToString("R", c)}\n");
                    }
                }
            }
        }
    }

    private static CheckpointStatistics? LastCompleted(JobView job)
    {
        for (int i = job.Metrics.Checkpoints.Count - 1; i >= 0; i--)
        {
            if (job.Metrics.Checkpoints[i].Status == CheckpointStatus.Completed)
            {
                return job.Metrics.Checkpoints[i];
            }
        }

        return null;
    }

    private static void Family(StringBuilder sb, string name, string type, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    // The text format's label value escapes: backslash, double quote, line feed.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

using System.Text.Json;
using Flinq.Checkpointing;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Flinq.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Flinq.Server.Jobs;

/// <summary>
/// <c>GET /api/v1/jobs</c> and <c>GET /api/v1/jobs/{name}</c>: each engine job of the server with its execution
/// plan, per-task and per-instance metrics and checkpoint history — what the dashboard's Jobs page draws. Needs
/// the read token when one is configured. Times are RFC 3339; watermarks epoch milliseconds or null.
/// </summary>
internal sealed class JobEndpoints
{
    private readonly JobRegistry _jobs;
    private readonly ServerOptions _options;
    private readonly ServerMetrics _metrics;

    public JobEndpoints(JobRegistry jobs, ServerOptions options, ServerMetrics metrics)
    {
        _jobs = jobs;
        _options = options;
        _metrics = metrics;
    }

    public void Map(WebApplication app)
    {
        app.MapGet("/api/v1/jobs", (HttpContext ctx) => Authorized(ctx) ?? Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("jobs");
            foreach (var job in _jobs.List())
            {
                WriteJob(w, job);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
        app.MapGet("/api/v1/jobs/{name}", (HttpContext ctx, string name) =>
        {
            if (Authorized(ctx) is { } denied)
            {
                return denied;
            }

            if (_jobs.Find(name) is not { } job)
            {
                _metrics.Request("jobs", 404);
                return Results.Json(new { error = $"no job named '{name}'; the jobs are: {string.Join(", ", _jobs.Names())}" }, statusCode: 404);
            }

            return Json(w => WriteJob(w, job));
        });
    }

    private IResult? Authorized(HttpContext ctx)
    {
        if (BearerAuth.CanRead(ctx, _options))
        {
            return null;
        }

        BearerAuth.Challenge(ctx);
        _metrics.Request("jobs", 401);
        return Results.Json(new { error = "this server requires a read token: send Authorization: Bearer <token>" }, statusCode: 401);
    }

    private IResult Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        _metrics.Request("jobs", 200);
        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    private static void WriteJob(Utf8JsonWriter w, JobView job)
    {
        w.WriteStartObject();
        w.WriteString("name", job.Name);
        w.WriteString("state", job.State);
        if (job.Failure is { } failure)
        {
            w.WriteString("failure", failure);
        }

        w.WriteString("startTime", job.StartTime);
        w.WriteNumber("restarts", job.Restarts);
        w.WritePropertyName("plan");
        w.WriteRawValue(job.Plan);
        w.WriteStartArray("vertices");
        for (int v = 0; v < job.Metrics.Vertices.Count; v++)
        {
            var vertex = job.Metrics.Vertices[v];
            var rates = job.Rates[v];
            w.WriteStartObject();
            w.WriteNumber("id", vertex.Id);
            w.WriteString("name", vertex.Name);
            w.WriteNumber("parallelism", vertex.Parallelism);
            w.WriteStartArray("operators");
            foreach (int id in vertex.OperatorIds)
            {
                w.WriteNumberValue(id);
            }

            w.WriteEndArray();
            w.WriteNumber("recordsIn", vertex.RecordsIn);
            w.WriteNumber("recordsOut", vertex.RecordsOut);
            w.WriteNumber("recordsInPerSecond", Sum(rates, static r => r.RecordsInPerSecond));
            w.WriteNumber("recordsOutPerSecond", Sum(rates, static r => r.RecordsOutPerSecond));
            WriteWatermark(w, "inputWatermark", vertex.InputWatermark);
            WriteWatermark(w, "outputWatermark", vertex.OutputWatermark);
            w.WriteNumber("backPressuredRatio", Max(rates, static r => r.BackPressuredRatio));
            w.WriteNumber("busyRatio", Max(rates, static r => r.BusyRatio));
            w.WriteStartArray("subtasks");
            for (int s = 0; s < vertex.Subtasks.Count; s++)
            {
                var subtask = vertex.Subtasks[s];
                w.WriteStartObject();
                w.WriteNumber("subtask", subtask.Subtask);
                w.WriteNumber("recordsIn", subtask.RecordsIn);
                w.WriteNumber("recordsOut", subtask.RecordsOut);
                w.WriteNumber("recordsInPerSecond", Round(rates[s].RecordsInPerSecond));
                w.WriteNumber("recordsOutPerSecond", Round(rates[s].RecordsOutPerSecond));
                WriteWatermark(w, "inputWatermark", subtask.InputWatermark);
                WriteWatermark(w, "outputWatermark", subtask.OutputWatermark);
                w.WriteNumber("backPressuredRatio", Round(rates[s].BackPressuredRatio));
                w.WriteNumber("busyRatio", Round(rates[s].BusyRatio));
                w.WriteNumber("idleRatio", Round(rates[s].IdleRatio));
                w.WriteNumber("uptimeMs", (long)subtask.Uptime.TotalMilliseconds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("checkpoints");
        foreach (var checkpoint in job.Metrics.Checkpoints)
        {
            w.WriteStartObject();
            w.WriteNumber("id", checkpoint.CheckpointId);
            w.WriteString("status", checkpoint.Status == CheckpointStatus.Completed ? "COMPLETED" : "FAILED");
            w.WriteBoolean("savepoint", checkpoint.IsSavepoint);
            w.WriteString("triggerTime", checkpoint.TriggeredAt);
            w.WriteNumber("durationMs", (long)checkpoint.Duration.TotalMilliseconds);
            w.WriteNumber("sizeBytes", checkpoint.SizeBytes);
            w.WriteNumber("alignmentMs", (long)checkpoint.MaxAlignment.TotalMilliseconds);
            if (checkpoint.FailureReason is { } reason)
            {
                w.WriteString("failureReason", reason);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteWatermark(Utf8JsonWriter w, string name, Watermark? watermark)
    {
        if (watermark is { } value)
        {
            w.WriteNumber(name, value.Milliseconds);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static double Sum(IReadOnlyList<SubtaskRates> rates, Func<SubtaskRates, double> selector)
    {
        double total = 0;
        foreach (var rate in rates)
        {
            total += selector(rate);
        }

        return Round(total);
    }

    private static double Max(IReadOnlyList<SubtaskRates> rates, Func<SubtaskRates, double> selector)
    {
        double max = 0;
        foreach (var rate in rates)
        {
            max = Math.Max(max, selector(rate));
        }

        return Round(max);
    }

    private static double Round(double value) => Math.Round(value, 3);
}

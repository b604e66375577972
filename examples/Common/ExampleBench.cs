using System.Diagnostics;
using System.Globalization;

namespace Flinq.Examples.Common;

/// <summary>A whole-job throughput measurement: events in, wall time, CPU time.</summary>
/// <param name="Events">Events generated and processed.</param>
/// <param name="Results">Records that reached the (discarding) sink.</param>
/// <param name="Elapsed">Wall-clock time of the job, from start to completion.</param>
/// <param name="CpuTime">CPU time the process used meanwhile (all threads).</param>
public sealed record BenchResult(long Events, long Results, TimeSpan Elapsed, TimeSpan CpuTime)
{
    /// <summary>Events per wall-clock second.</summary>
    public double EventsPerSecond => Events / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>One line for the console: events, time, events/s, CPU-s, results.</summary>
    public string Describe(string app) => string.Create(CultureInfo.InvariantCulture,
        $"{app}: {Events:N0} events in {Elapsed.TotalSeconds:F2} s = {EventsPerSecond:N0} events/s, CPU {CpuTime.TotalSeconds:F2} s, {Results:N0} results");
}

/// <summary>Runs an example's job on generated events with a discarding sink and measures it (<c>--bench N</c>).</summary>
public static class ExampleBench
{
    /// <summary>
    /// Builds the job with <paramref name="build"/> (which must read generated events, as
    /// <see cref="ExampleInput.Open"/> does under <c>--bench</c>), sinks its results into a
    /// <see cref="CountingSink{T}"/>, runs it and measures wall and process CPU time.
    /// </summary>
    public static async Task<BenchResult> RunAsync<TOut>(StreamExecutionEnvironment env, long events, Func<DataStream<TOut>> build, string jobName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(build);
        var sink = new CountingSink<TOut>();
        build().SinkTo(sink, "Count results");
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await env.ExecuteAsync(jobName, cancellationToken).ConfigureAwait(false);
        clock.Stop();
        process.Refresh();
        return new BenchResult(events, sink.Count, clock.Elapsed, process.TotalProcessorTime - cpuBefore);
    }
}

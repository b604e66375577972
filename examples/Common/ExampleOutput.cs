using Flinq.Connectors;

namespace Flinq.Examples.Common;

/// <summary>Where an example's results and complaints go.</summary>
public static class ExampleOutput
{
    /// <summary>Writes <paramref name="results"/> as JSON lines to <see cref="ExampleOptions.Output"/> (or stdout), from one instance.</summary>
    public static void WriteJsonLines<T>(DataStream<T> results, ExampleOptions options, bool flushEachRecord = false)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        results.SinkTo(JsonLinesSink<T>.To(options.Output, flushEachRecord), "JSON lines").SetParallelism(1);
    }

    /// <summary>Writes each string unchanged as a line to <see cref="ExampleOptions.Output"/> (or stdout), from one instance.</summary>
    public static void WriteLines(DataStream<string> lines, ExampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        lines.SinkTo(new TextLinesSink(options.Output), "Lines").SetParallelism(1);
    }

    /// <summary>Reports each bad input line on standard error: "App: skipped line 3 of in.jsonl: reason: text".</summary>
    public static void ReportBadLines(DataStream<BadRecord> badLines, string app)
    {
        ArgumentNullException.ThrowIfNull(badLines);
        badLines.SinkTo(new StandardErrorSink<BadRecord>(bad => $"{app}: skipped line {bad.Line} of {bad.Source}: {bad.Error}: {Shorten(bad.Text)}"), "Bad lines")
            .SetParallelism(1);
    }

    /// <summary>Reports each record of <paramref name="stream"/> on standard error, formatted by <paramref name="format"/>.</summary>
    public static void ReportOnStandardError<T>(DataStream<T> stream, Func<T, string> format, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.SinkTo(new StandardErrorSink<T>(format), name).SetParallelism(1);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

using System.Globalization;
using Flinq.Functions;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Examples.ErrorLogAlert;

/// <summary>Per service, an alert for every 1-minute event-time window with at least N ERROR or FATAL lines.</summary>
public static class ErrorLogAlertJob
{
    /// <summary>The window size.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Builds the job on <paramref name="logs"/>, which must carry event-time timestamps and watermarks: keeps
    /// ERROR and FATAL lines (any letter case), counts them per service in 1-minute tumbling windows aligned to
    /// the minute, and when the watermark passes a window's end emits one <see cref="ErrorAlert"/> if the count is
    /// at least <paramref name="threshold"/>. No allowed lateness: each window is judged once, so an alert is
    /// never repeated or retracted; lines behind the watermark at their window's end are not counted.
    /// </summary>
    public static DataStream<ErrorAlert> Build(DataStream<LogEvent> logs, int threshold)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        return logs
            .Filter(e => e.IsErrorOrFatal).Name("ERROR or FATAL")
            .KeyBy(e => e.Service)
            .Window(TumblingEventTimeWindows.Of(Window))
            .Aggregate(new CountErrors(), new AlertAtThreshold(threshold))
            .Name($"At least {threshold} errors per minute");
    }

    /// <summary>Formats epoch milliseconds as ISO 8601 UTC.</summary>
    public static string FormatTime(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class CountErrors : IAggregateFunction<LogEvent, (long Count, long FirstTs, string? FirstMessage), (long Count, string FirstMessage)>
    {
        public (long Count, long FirstTs, string? FirstMessage) CreateAccumulator() => (0, long.MaxValue, null);

        public (long Count, long FirstTs, string? FirstMessage) Add(LogEvent value, (long Count, long FirstTs, string? FirstMessage) accumulator) =>
            value.Ts < accumulator.FirstTs
                ? (accumulator.Count + 1, value.Ts, value.Message)
                : (accumulator.Count + 1, accumulator.FirstTs, accumulator.FirstMessage);

        public (long Count, string FirstMessage) GetResult((long Count, long FirstTs, string? FirstMessage) accumulator) =>
            (accumulator.Count, accumulator.FirstMessage ?? "");

        public (long Count, long FirstTs, string? FirstMessage) Merge((long Count, long FirstTs, string? FirstMessage) a, (long Count, long FirstTs, string? FirstMessage) b) =>
            a.FirstTs <= b.FirstTs ? (a.Count + b.Count, a.FirstTs, a.FirstMessage) : (a.Count + b.Count, b.FirstTs, b.FirstMessage);
    }

    private sealed class AlertAtThreshold(int threshold) : ProcessWindowFunction<(long Count, string FirstMessage), ErrorAlert, string, TimeWindow>
    {
        public override void Process(string key, IProcessWindowContext<TimeWindow> context, IEnumerable<(long Count, string FirstMessage)> elements, ICollector<ErrorAlert> output)
        {
            var (count, first) = elements.Single();
            if (count >= threshold)
            {
                var window = context.Window;
                output.Collect(new ErrorAlert(key, FormatTime(window.Start.Milliseconds), FormatTime(window.End.Milliseconds), count, threshold, first));
            }
        }
    }
}

using System.Globalization;
using Flinq.Functions;
using Flinq.State;
using Flinq.Time;

namespace Flinq.Examples.MachineDown;

/// <summary>Host-down and recovery alerts from the absence of metrics, on processing-time timers.</summary>
public static class MachineDownJob
{
    /// <summary>The status for a host silent for the timeout.</summary>
    public const string Down = "DOWN";

    /// <summary>The status for a DOWN host that reported again.</summary>
    public const string Recovered = "RECOVERED";

    /// <summary>
    /// Builds the job on <paramref name="metrics"/> (timestamps are not needed). Per host: every report moves a
    /// processing-time timer to now + <paramref name="timeout"/>; when the timer fires the host has been silent
    /// for the timeout and one <c>DOWN</c> line is emitted; the next report emits one <c>RECOVERED</c> line and
    /// starts watching again. Processing-time timers fire with no input at all, so this works when every host
    /// stops at once — event time would stand still then. A host is watched only after its first report.
    /// </summary>
    public static DataStream<HostStatus> Build(DataStream<MetricEvent> metrics, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return metrics
            .KeyBy(m => m.Host)
            .Process(new SilenceDetector((long)timeout.TotalMilliseconds))
            .Name("Host silence");
    }

    /// <summary>Formats epoch milliseconds as ISO 8601 UTC with milliseconds.</summary>
    public static string FormatTime(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Per host: the last report's time, the pending timer and whether the host is down, in keyed state.</summary>
    private sealed class SilenceDetector(long timeoutMs) : KeyedProcessFunction<string, MetricEvent, HostStatus>
    {
        private ValueState<long> _lastSeen = null!;
        private ValueState<long> _timer = null!;
        private ValueState<bool> _down = null!;

        public override void Open()
        {
            _lastSeen = RuntimeContext.GetState(new ValueStateDescriptor<long>("last-seen"));
            _timer = RuntimeContext.GetState(new ValueStateDescriptor<long>("timer"));
            _down = RuntimeContext.GetState(new ValueStateDescriptor<bool>("down"));
        }

        public override void ProcessElement(MetricEvent value, IKeyedProcessContext<string> context, ICollector<HostStatus> output)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(output);
            var timers = context.TimerService;
            long now = timers.CurrentProcessingTime.Milliseconds;
            if (_down.Value)
            {
                output.Collect(new HostStatus(value.Host, Recovered, FormatTime(now), FormatTime(_lastSeen.Value)));
                _down.Clear();
            }

            if (_timer.HasValue)
            {
                timers.DeleteProcessingTimeTimer(new Timestamp(_timer.Value));
            }

            long due = now + timeoutMs;
            timers.RegisterProcessingTimeTimer(new Timestamp(due));
            _timer.Update(due);
            _lastSeen.Update(now);
        }

        public override void OnTimer(Timestamp timestamp, IOnTimerContext<string> context, ICollector<HostStatus> output)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(output);
            if (!_timer.HasValue || _timer.Value != timestamp.Milliseconds)
            {
                return; // a timer deleted too late to stop; the host reported since
            }

            _timer.Clear();
            _down.Update(true);
            output.Collect(new HostStatus(context.CurrentKey, Down, FormatTime(timestamp.Milliseconds), FormatTime(_lastSeen.Value)));
        }
    }
}

using System.Globalization;
using Flinq.Time;

namespace Flinq.Monitor.Ingest;

/// <summary>The accepted timestamp range of one decode call, read once from the options' clock.</summary>
internal readonly struct TimeWindow
{
    private readonly long _minMs;
    private readonly long _maxMs;
    private readonly TimeSpan _past;
    private readonly TimeSpan _future;

    public TimeWindow(IngestOptions options)
    {
        Now = Timestamp.FromDateTimeOffset(options.TimeProvider.GetUtcNow());
        _minMs = (Now - options.MaxPastAge).Milliseconds;
        _maxMs = (Now + options.MaxFutureSkew).Milliseconds;
        _past = options.MaxPastAge;
        _future = options.MaxFutureSkew;
    }

    public Timestamp Now { get; }

    public bool Contains(long milliseconds) => milliseconds >= _minMs && milliseconds <= _maxMs;

    /// <summary>Null when inside the window, else a reason naming the timestamp and the window.</summary>
    public string? Check(long milliseconds)
    {
        if (milliseconds < _minMs)
        {
            return $"timestamp {Format(milliseconds)} is more than {_past} in the past (now {Now}); check the timestamp unit, or raise MaxPastAge to accept older data";
        }

        if (milliseconds > _maxMs)
        {
            return $"timestamp {Format(milliseconds)} is more than {_future} in the future (now {Now}); check the producer's clock and the timestamp unit";
        }

        return null;
    }

    private static string Format(long ms) =>
        ms is > -62135596800000L and < 253402300799999L ? new Timestamp(ms).ToString() : ms.ToString(CultureInfo.InvariantCulture) + "ms";
}

using Flinq.Time;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Tumbling windows of whole calendar days in a time zone: windows start at local midnight, so they follow
/// daylight-saving changes (a day is 23 or 25 hours when the clocks change). A fixed offset, as in Flink's
/// <c>TumblingEventTimeWindows.of(Time.days(1), Time.hours(-8))</c>, is right only for zones without DST.
/// </summary>
internal sealed class CalendarDayWindows : WindowAssigner<TimeWindow>
{
    private static readonly DateTime s_localEpoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private readonly int _days;
    private readonly TimeZoneInfo _zone;
    private readonly bool _isEventTime;

    // The last window computed: consecutive elements usually fall into the same day, and converting time zones is
    // slow. Boxed, because the assigner is shared by parallel instances and a reference is written atomically.
    private WindowBox _last = new(new TimeWindow(0, 0));

    public CalendarDayWindows(int days, TimeZoneInfo zone, bool isEventTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentNullException.ThrowIfNull(zone);
        _days = days;
        _zone = zone;
        _isEventTime = isEventTime;
    }

    public override bool IsEventTime => _isEventTime;

    internal override bool IsTimestampOnly => true;

    public override void AssignWindows<T>(T element, Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows) =>
        AssignWindows(timestamp, context, windows);

    internal override void AssignWindows(Timestamp timestamp, IWindowAssignerContext context, List<TimeWindow> windows)
    {
        long ts = _isEventTime ? RequireTimestamp(timestamp, "Calendar day windows") : context.CurrentProcessingTime.Milliseconds;
        var last = _last.Window;
        if (ts >= last.StartMs && ts < last.EndMs)
        {
            windows.Add(last);
            return;
        }

        var window = ComputeWindow(ts);
        _last = new WindowBox(window);
        windows.Add(window);
    }

    internal TimeWindow ComputeWindow(long ts)
    {
        var localDate = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ts), _zone).DateTime.Date;
        long dayNumber = (long)(localDate - s_localEpoch).TotalDays;
        long remainder = dayNumber % _days;
        long startDay = remainder < 0 ? dayNumber - (remainder + _days) : dayNumber - remainder;
        var startDate = s_localEpoch.AddDays(startDay);
        return new TimeWindow(LocalMidnightToUtc(startDate), LocalMidnightToUtc(startDate.AddDays(_days)));
    }

    /// <summary>The instant the local day starts: midnight, or the first valid local time after a gap at midnight.</summary>
    private long LocalMidnightToUtc(DateTime localMidnight)
    {
        var local = localMidnight;
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // An ambiguous midnight (clocks turned back across it) starts at its first occurrence: the larger offset.
        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUnixTimeMilliseconds();
    }

    public override Trigger GetDefaultTrigger() => _isEventTime ? EventTimeTrigger.Create() : ProcessingTimeTrigger.Create();

    private sealed record WindowBox(TimeWindow Window);

    public override string ToString() => $"CalendarDayWindows({_days} d, {_zone.Id})";
}

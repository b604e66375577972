namespace Flinq.Monitor.Notify.Configuration;

/// <summary>
/// One entry of a named time interval (Alertmanager's <c>timeinterval.TimeInterval</c>): the instant is inside
/// when every listed field contains it (an absent field contains everything). Ranges are inclusive except
/// <c>times</c>, whose end minute is exclusive. Days of month may count from the end (<c>-1</c> = last day).
/// </summary>
internal sealed class TimeInterval
{
    /// <summary>Minute-of-day ranges [start, end).</summary>
    public IReadOnlyList<(int Start, int End)>? Times { get; init; }

    /// <summary>Inclusive ranges of <see cref="DayOfWeek"/> (Sunday = 0).</summary>
    public IReadOnlyList<(int Start, int End)>? Weekdays { get; init; }

    /// <summary>Inclusive ranges of days, negative counting from the month's end.</summary>
    public IReadOnlyList<(int Start, int End)>? DaysOfMonth { get; init; }

    /// <summary>Inclusive ranges of months (1-12).</summary>
    public IReadOnlyList<(int Start, int End)>? Months { get; init; }

    /// <summary>Inclusive ranges of years.</summary>
    public IReadOnlyList<(int Start, int End)>? Years { get; init; }

    /// <summary>The zone the fields are read in; UTC when not set.</summary>
    public TimeZoneInfo Location { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Whether <paramref name="instant"/> falls inside this interval.</summary>
    public bool Contains(DateTimeOffset instant)
    {
        var t = TimeZoneInfo.ConvertTime(instant, Location);
        if (Times is not null && !Any(Times, (t.Hour * 60) + t.Minute, exclusiveEnd: true))
        {
            return false;
        }

        if (Weekdays is not null && !Any(Weekdays, (int)t.DayOfWeek, exclusiveEnd: false))
        {
            return false;
        }

        if (DaysOfMonth is not null && !ContainsDay(t))
        {
            return false;
        }

        if (Months is not null && !Any(Months, t.Month, exclusiveEnd: false))
        {
            return false;
        }

        return Years is null || Any(Years, t.Year, exclusiveEnd: false);
    }

    private bool ContainsDay(DateTimeOffset t)
    {
        int days = DateTime.DaysInMonth(t.Year, t.Month);
        foreach (var (start, end) in DaysOfMonth!)
        {
            int begin = start < 0 ? days + start + 1 : start;
            int finish = end < 0 ? days + end + 1 : end;
            if (begin > days)
            {
                continue; // as Alertmanager: a range starting after this month's end does not apply to it
            }

            begin = Math.Clamp(begin, -days, days);
            finish = Math.Clamp(finish, -days, days);
            if (t.Day >= begin && t.Day <= finish)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Any(IReadOnlyList<(int Start, int End)> ranges, int value, bool exclusiveEnd)
    {
        foreach (var (start, end) in ranges)
        {
            if (value >= start && (exclusiveEnd ? value < end : value <= end))
            {
                return true;
            }
        }

        return false;
    }
}

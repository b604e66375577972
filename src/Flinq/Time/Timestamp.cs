using System.Globalization;

namespace Flinq.Time;

/// <summary>
/// A point in time as milliseconds since the Unix epoch (UTC): the event time of a record, the time of a
/// timer, the bounds of a window. A readonly struct over one <see cref="long"/>, so it costs what a long
/// costs, but it cannot be confused with a duration: durations are <see cref="TimeSpan"/>.
/// </summary>
/// <remarks>
/// <see cref="None"/> marks a record that carries no timestamp (Flink's "no timestamp" record). Arithmetic
/// saturates at <see cref="MinValue"/> and <see cref="MaxValue"/> instead of wrapping.
/// </remarks>
public readonly struct Timestamp : IEquatable<Timestamp>, IComparable<Timestamp>
{
    /// <summary>The record has no timestamp. Equal to <see cref="long.MinValue"/> milliseconds.</summary>
    public static readonly Timestamp None = new(long.MinValue);

    /// <summary>The smallest valid timestamp (one above <see cref="None"/>).</summary>
    public static readonly Timestamp MinValue = new(long.MinValue + 1);

    /// <summary>The largest timestamp: the end of time, as carried by the final watermark.</summary>
    public static readonly Timestamp MaxValue = new(long.MaxValue);

    /// <summary>Epoch milliseconds.</summary>
    public long Milliseconds { get; }

    /// <summary>Creates a timestamp from epoch milliseconds.</summary>
    public Timestamp(long milliseconds) => Milliseconds = milliseconds;

    /// <summary>Whether this is a real timestamp rather than <see cref="None"/>.</summary>
    public bool HasValue => Milliseconds != long.MinValue;

    /// <summary>Creates a timestamp from epoch milliseconds.</summary>
    public static Timestamp FromMilliseconds(long milliseconds) => new(milliseconds);

    /// <summary>The timestamp of a <see cref="DateTimeOffset"/>, truncated to milliseconds.</summary>
    public static Timestamp FromDateTimeOffset(DateTimeOffset time) => new(time.ToUnixTimeMilliseconds());

    /// <summary>This timestamp as a <see cref="DateTimeOffset"/> in UTC.</summary>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds);

    /// <summary>Adds a duration, saturating at <see cref="MinValue"/>/<see cref="MaxValue"/>.</summary>
    public Timestamp Add(TimeSpan duration) => AddMilliseconds((long)duration.TotalMilliseconds);

    /// <summary>Adds milliseconds, saturating at <see cref="MinValue"/>/<see cref="MaxValue"/>.</summary>
    public Timestamp AddMilliseconds(long milliseconds)
    {
        long sum = unchecked(Milliseconds + milliseconds);
        // Overflow happened when both operands share a sign and the result's sign differs.
        if (((Milliseconds ^ sum) & (milliseconds ^ sum)) < 0)
        {
            return milliseconds > 0 ? MaxValue : MinValue;
        }

        return sum == long.MinValue ? MinValue : new Timestamp(sum);
    }

    /// <inheritdoc cref="Add(TimeSpan)"/>
    public static Timestamp operator +(Timestamp time, TimeSpan duration) => time.Add(duration);

    /// <summary>Subtracts a duration, saturating.</summary>
    public static Timestamp operator -(Timestamp time, TimeSpan duration) => time.Add(-duration);

    /// <summary>The duration between two timestamps.</summary>
    public static TimeSpan operator -(Timestamp a, Timestamp b) => TimeSpan.FromMilliseconds(checked(a.Milliseconds - b.Milliseconds));

    public static bool operator ==(Timestamp a, Timestamp b) => a.Milliseconds == b.Milliseconds;
    public static bool operator !=(Timestamp a, Timestamp b) => a.Milliseconds != b.Milliseconds;
    public static bool operator <(Timestamp a, Timestamp b) => a.Milliseconds < b.Milliseconds;
    public static bool operator >(Timestamp a, Timestamp b) => a.Milliseconds > b.Milliseconds;
    public static bool operator <=(Timestamp a, Timestamp b) => a.Milliseconds <= b.Milliseconds;
    public static bool operator >=(Timestamp a, Timestamp b) => a.Milliseconds >= b.Milliseconds;

    /// <summary>The later of two timestamps.</summary>
    public static Timestamp Max(Timestamp a, Timestamp b) => a.Milliseconds >= b.Milliseconds ? a : b;

    /// <summary>The earlier of two timestamps.</summary>
    public static Timestamp Min(Timestamp a, Timestamp b) => a.Milliseconds <= b.Milliseconds ? a : b;

    public bool Equals(Timestamp other) => Milliseconds == other.Milliseconds;
    public override bool Equals(object? obj) => obj is Timestamp other && Equals(other);
    public override int GetHashCode() => Milliseconds.GetHashCode();
    public int CompareTo(Timestamp other) => Milliseconds.CompareTo(other.Milliseconds);

    /// <summary>ISO-8601 in UTC, or "none"/"min"/"max" for the sentinels.</summary>
    public override string ToString() => Milliseconds switch
    {
        long.MinValue => "none",
        long.MinValue + 1 => "min",
        long.MaxValue => "max",
        _ when Milliseconds < -62135596800000L || Milliseconds > 253402300799999L => Milliseconds.ToString(CultureInfo.InvariantCulture) + "ms",
        _ => ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };
}

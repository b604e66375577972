namespace Flinq.Time;

/// <summary>
/// A watermark: the assertion that no more records with a timestamp at or before <see cref="Timestamp"/>
/// will arrive on this stream (Flink's <c>Watermark(t)</c> means "no elements with timestamp &lt;= t").
/// Watermarks flow in-band with records; an operator's watermark is the minimum over its inputs.
/// </summary>
public readonly struct Watermark : IEquatable<Watermark>, IComparable<Watermark>
{
    /// <summary>The initial watermark: nothing is known yet.</summary>
    public static readonly Watermark MinValue = new(long.MinValue);

    /// <summary>The final watermark, emitted when a bounded input ends: every event-time timer fires.</summary>
    public static readonly Watermark MaxValue = new(long.MaxValue);

    /// <summary>Creates a watermark at epoch milliseconds.</summary>
    public Watermark(long milliseconds) => Milliseconds = milliseconds;

    /// <summary>Creates a watermark at a timestamp.</summary>
    public Watermark(Timestamp timestamp) => Milliseconds = timestamp.Milliseconds;

    /// <summary>Epoch milliseconds.</summary>
    public long Milliseconds { get; }

    /// <summary>The watermark's time as a <see cref="Time.Timestamp"/>.</summary>
    public Timestamp Timestamp => new(Milliseconds);

    public static bool operator ==(Watermark a, Watermark b) => a.Milliseconds == b.Milliseconds;
    public static bool operator !=(Watermark a, Watermark b) => a.Milliseconds != b.Milliseconds;
    public static bool operator <(Watermark a, Watermark b) => a.Milliseconds < b.Milliseconds;
    public static bool operator >(Watermark a, Watermark b) => a.Milliseconds > b.Milliseconds;
    public static bool operator <=(Watermark a, Watermark b) => a.Milliseconds <= b.Milliseconds;
    public static bool operator >=(Watermark a, Watermark b) => a.Milliseconds >= b.Milliseconds;

    public bool Equals(Watermark other) => Milliseconds == other.Milliseconds;
    public override bool Equals(object? obj) => obj is Watermark other && Equals(other);
    public override int GetHashCode() => Milliseconds.GetHashCode();
    public int CompareTo(Watermark other) => Milliseconds.CompareTo(other.Milliseconds);

    public override string ToString() => Milliseconds switch
    {
        long.MinValue => "Watermark(min)",
        long.MaxValue => "Watermark(max)",
        _ => $"Watermark({new Timestamp(Milliseconds)})",
    };
}

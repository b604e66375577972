namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>A buffered sample in the total order windows are evaluated in: series, then time, then value.</summary>
internal struct SortableSample : IComparable<SortableSample>
{
    public ulong Series;
    public long Time;
    public double Value;

    public readonly int CompareTo(SortableSample other)
    {
        int c = Series.CompareTo(other.Series);
        if (c != 0)
        {
            return c;
        }

        c = Time.CompareTo(other.Time);
        return c != 0 ? c : Value.CompareTo(other.Value);
    }
}

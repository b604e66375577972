namespace Flinq.Server.Storage;

/// <summary>The 1-minute aggregate of one series over the samples of one commit (a partial <c>samples_1m</c> row).</summary>
internal struct PartialRollup
{
    public long Count;
    public double Sum;
    public double Min;
    public double Max;
    public long FirstTs;
    public double First;
    public long LastTs;
    public double Last;

    /// <summary>Adds a sample; <paramref name="started"/> is false for the first sample of the aggregate.</summary>
    public void Add(long ts, double value, bool started)
    {
        if (!started)
        {
            this = new PartialRollup { Count = 1, Sum = value, Min = value, Max = value, FirstTs = ts, First = value, LastTs = ts, Last = value };
            return;
        }

        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (ts < FirstTs)
        {
            FirstTs = ts;
            First = value;
        }

        if (ts >= LastTs)
        {
            LastTs = ts;
            Last = value;
        }
    }
}

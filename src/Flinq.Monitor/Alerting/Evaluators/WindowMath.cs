using Flinq.Monitor.Rules;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>
/// The window aggregations, over samples already sorted by (series, time, value) so the result never depends on
/// arrival order. Each mirrors a PromQL <c>*_over_time</c> function (or <c>rate</c>) applied to all samples of the
/// group in the window <c>[end - size, end)</c>.
/// </summary>
internal static class WindowMath
{
    /// <summary>Reduces <paramref name="values"/> (all series of the group); false when the aggregate is undefined (no samples).</summary>
    public static bool TryAggregate(Aggregation aggregation, double quantile, ReadOnlySpan<double> values, Span<double> scratch, out double result)
    {
        result = double.NaN;
        if (values.Length == 0)
        {
            return false;
        }

        switch (aggregation)
        {
            case Aggregation.Count:
                result = values.Length;
                return true;
            case Aggregation.Sum:
                result = Sum(values);
                return true;
            case Aggregation.Avg:
                result = Sum(values) / values.Length;
                return true;
            case Aggregation.Min:
                result = values[0];
                for (int i = 1; i < values.Length; i++)
                {
                    // PromQL min_over_time: NaN is replaced by any number.
                    if (values[i] < result || double.IsNaN(result))
                    {
                        result = values[i];
                    }
                }

                return true;
            case Aggregation.Max:
                result = values[0];
                for (int i = 1; i < values.Length; i++)
                {
                    if (values[i] > result || double.IsNaN(result))
                    {
                        result = values[i];
                    }
                }

                return true;
            case Aggregation.Quantile:
                values.CopyTo(scratch);
                result = Quantile(quantile, scratch[..values.Length]);
                return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "rate is computed per series by ExtrapolatedRate");
        }
    }

    /// <summary>Kahan-compensated sum, so long windows do not drift with the order of additions.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0, c = 0;
        foreach (double v in values)
        {
            double y = v - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }

        return sum;
    }

    /// <summary>
    /// Prometheus' <c>quantile_over_time</c> (<c>quantile()</c> in promql/quantile.go): sort, rank = q·(n−1),
    /// linear interpolation between the neighbours; q &lt; 0 gives −Inf, q &gt; 1 gives +Inf, NaN q gives NaN. Sorts
    /// <paramref name="values"/> in place.
    /// </summary>
    public static double Quantile(double q, Span<double> values)
    {
        if (values.Length == 0 || double.IsNaN(q))
        {
            return double.NaN;
        }

        if (q < 0)
        {
            return double.NegativeInfinity;
        }

        if (q > 1)
        {
            return double.PositiveInfinity;
        }

        values.Sort();
        double n = values.Length;
        double rank = q * (n - 1);
        int lower = Math.Max(0, (int)Math.Floor(rank));
        int upper = Math.Min(values.Length - 1, lower + 1);
        double weight = rank - Math.Floor(rank);
        return (values[lower] * (1 - weight)) + (values[upper] * weight);
    }

    /// <summary>
    /// Prometheus' <c>rate()</c> of one series (<c>extrapolatedRate</c> in promql/functions.go, v2.42, isCounter and
    /// isRate): the increase from the first to the last sample, adding the value before each drop (a counter reset),
    /// extrapolated towards the window's edges — all the way when the gap to the edge is under 1.1 average sample
    /// intervals, else half an interval; towards the start no further than where the counter would have been zero —
    /// and divided by the window length in seconds. NaN when fewer than two samples.
    /// </summary>
    /// <param name="times">The series' sample times (ms), ascending.</param>
    /// <param name="values">The matching values.</param>
    /// <param name="rangeStart">The window start (ms).</param>
    /// <param name="rangeEnd">The window end (ms).</param>
    public static double ExtrapolatedRate(ReadOnlySpan<long> times, ReadOnlySpan<double> values, long rangeStart, long rangeEnd)
    {
        int n = times.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        double first = values[0];
        double last = values[n - 1];
        double correction = 0;
        double previous = first;
        for (int i = 1; i < n; i++)
        {
            if (values[i] < previous)
            {
                correction += previous;
            }

            previous = values[i];
        }

        double result = last - first + correction;
        double durationToStart = (times[0] - rangeStart) / 1000.0;
        double durationToEnd = (rangeEnd - times[n - 1]) / 1000.0;
        double sampledInterval = (times[n - 1] - times[0]) / 1000.0;
        double averageBetweenSamples = sampledInterval / (n - 1);
        if (result > 0 && first >= 0)
        {
            double durationToZero = sampledInterval * (first / result);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }

        double threshold = averageBetweenSamples * 1.1;
        double extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
        result *= extrapolateTo / sampledInterval;
        return result / ((rangeEnd - rangeStart) / 1000.0);
    }

    /// <summary>Whether <c>value OP threshold</c> holds (false for NaN, as in PromQL).</summary>
    public static bool Compare(Comparison comparison, double value, double threshold) => comparison switch
    {
        Comparison.GreaterThan => value > threshold,
        Comparison.GreaterOrEqual => value >= threshold,
        Comparison.LessThan => value < threshold,
        Comparison.LessOrEqual => value <= threshold,
        Comparison.Equal => value == threshold,
        _ => value != threshold && !double.IsNaN(value),
    };
}

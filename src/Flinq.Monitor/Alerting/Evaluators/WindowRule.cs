using Flinq.Monitor.Rules;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>The window settings of a threshold or log rule, in milliseconds, as stage 2 uses them.</summary>
internal sealed class WindowRule
{
    public WindowRule(RuleChange change, AlertRule rule)
    {
        Change = change;
        Name = rule.Name;
        Version = change.Version;
        Delay = (long)rule.EvaluationDelay.TotalMilliseconds;
        if (rule.Kind == RuleKind.Log)
        {
            var spec = rule.Log!;
            IsLog = true;
            Size = (long)spec.Window.TotalMilliseconds;
            Slide = (long)(spec.Slide ?? spec.Window).TotalMilliseconds;
            Aggregation = Aggregation.Count;
            Comparison = Comparison.GreaterOrEqual;
            Threshold = spec.MinCount;
        }
        else
        {
            var spec = rule.Threshold!;
            Size = (long)spec.Window.TotalMilliseconds;
            Slide = (long)(spec.Slide ?? spec.Window).TotalMilliseconds;
            Aggregation = spec.Aggregation;
            Quantile = spec.Quantile;
            Comparison = spec.Comparison;
            Threshold = spec.Threshold;
        }

        if (Size <= 0 || Slide <= 0 || Slide > Size)
        {
            throw new ArgumentException($"rule {rule.Name}: the window ({Size} ms) and slide ({Slide} ms) must be positive, with the slide at most the window");
        }
    }

    public RuleChange Change { get; }

    public string Name { get; }

    public long Version { get; }

    public bool IsLog { get; }

    public long Size { get; }

    public long Slide { get; }

    public long Delay { get; }

    public Aggregation Aggregation { get; }

    public double Quantile { get; }

    public Comparison Comparison { get; }

    public double Threshold { get; }

    /// <summary>When the window ending at <paramref name="end"/> is evaluated: once the watermark reaches its last millisecond plus the delay.</summary>
    public long FireTime(long end) => end - 1 + Delay;

    /// <summary>The end of the first window holding <paramref name="time"/> (windows are <c>[end - size, end)</c>, ends aligned to the slide).</summary>
    public long FirstEnd(long time) => (FloorDiv(time, Slide) * Slide) + Slide;

    /// <summary>The end of the last window holding <paramref name="time"/>.</summary>
    public long LastEnd(long time) => FloorDiv(time + Size, Slide) * Slide;

    /// <summary>The earliest aligned end not yet due at watermark <paramref name="watermark"/>.</summary>
    public long FirstEndAfter(long watermark) => (FloorDiv(watermark + 1 - Delay, Slide) * Slide) + Slide;

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;
}

namespace Flinq.Time;

/// <summary>
/// Combines several partial watermark outputs (one per source split) into one (Flink's
/// <c>WatermarkOutputMultiplexer</c>): the combined watermark is the minimum over outputs that are not idle;
/// when all are idle the combined output is idle. Updates are immediate, or deferred to the end of a periodic
/// pass (<see cref="BeginDeferred"/>/<see cref="EndDeferred"/>) so one pass over many splits combines once.
/// </summary>
internal sealed class WatermarkOutputMultiplexer
{
    private readonly IWatermarkOutput _underlying;
    private readonly List<PartialOutput> _outputs = new();
    private long _combined = long.MinValue;
    private bool _deferred;

    public WatermarkOutputMultiplexer(IWatermarkOutput underlying) => _underlying = underlying;

    public int OutputCount => _outputs.Count;

    public IWatermarkOutput Register()
    {
        var output = new PartialOutput(this);
        _outputs.Add(output);
        return output;
    }

    /// <summary>Removes an output (a finished or released split): it no longer holds the watermark back.</summary>
    public void Unregister(IWatermarkOutput output)
    {
        if (_outputs.Remove((PartialOutput)output))
        {
            Update();
        }
    }

    public void BeginDeferred() => _deferred = true;

    public void EndDeferred()
    {
        _deferred = false;
        Update();
    }

    private void Update()
    {
        if (_deferred || _outputs.Count == 0)
        {
            return;
        }

        long min = long.MaxValue;
        bool allIdle = true;
        foreach (var output in _outputs)
        {
            if (!output.Idle)
            {
                allIdle = false;
                min = Math.Min(min, output.Watermark);
            }
        }

        if (allIdle)
        {
            _underlying.MarkIdle();
        }
        else if (min > _combined)
        {
            _combined = min;
            _underlying.EmitWatermark(new Watermark(min)); // also marks the underlying output active
        }
        else
        {
            _underlying.MarkActive();
        }
    }

    private sealed class PartialOutput(WatermarkOutputMultiplexer multiplexer) : IWatermarkOutput
    {
        public long Watermark { get; private set; } = long.MinValue;

        public bool Idle { get; private set; }

        public void EmitWatermark(Watermark watermark)
        {
            Idle = false;
            if (watermark.Milliseconds > Watermark)
            {
                Watermark = watermark.Milliseconds;
            }

            multiplexer.Update();
        }

        public void MarkIdle()
        {
            Idle = true;
            multiplexer.Update();
        }

        public void MarkActive()
        {
            Idle = false;
            multiplexer.Update();
        }
    }
}

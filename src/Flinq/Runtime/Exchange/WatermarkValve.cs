using Flinq.Time;

namespace Flinq.Runtime.Exchange;

/// <summary>
/// Combines the watermarks and idle statuses of the channels of one logical input (Flink's
/// <c>StatusWatermarkValve</c>). The input's watermark is the minimum over channels that are active, not ended
/// and aligned; it only ever advances.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An idle channel does not hold the watermark back, and its watermarks are ignored while it is idle.</item>
/// <item>When every channel that has not ended is idle, the input is idle: the watermark is flushed to the
/// highest channel watermark (nothing will hold it back any more) and the idle status goes downstream.</item>
/// <item>A channel that becomes active again with a watermark below the input's current one is not aligned: it
/// joins the minimum only once its watermark catches up, so the combined watermark never goes back.</item>
/// <item>An ended channel stops counting (a bounded producer sent the final watermark before ending).</item>
/// </list>
/// </remarks>
internal sealed class WatermarkValve
{
    private readonly long[] _channelWatermarks;
    private readonly bool[] _ended;
    private readonly bool[] _idle;
    private readonly bool[] _aligned;
    private int _activeChannels;
    private long _lastEmitted = long.MinValue;
    private bool _inputIdle;

    public WatermarkValve(int channelCount)
    {
        _channelWatermarks = new long[channelCount];
        Array.Fill(_channelWatermarks, long.MinValue);
        _ended = new bool[channelCount];
        _idle = new bool[channelCount];
        _aligned = new bool[channelCount];
        Array.Fill(_aligned, true);
        _activeChannels = channelCount;
    }

    public bool AllEnded => _activeChannels == 0;

    /// <summary>The last watermark this input forwarded; <see cref="long.MinValue"/> before the first. Read by metrics from another thread.</summary>
    public long LastEmitted => Volatile.Read(ref _lastEmitted);

    /// <summary>Whether every channel that has not ended is idle.</summary>
    public bool IsIdle => _inputIdle;

    /// <summary>Records a channel's watermark; returns the input's new watermark if it advanced.</summary>
    public bool TryAdvance(int channel, long watermark, out Watermark combined)
    {
        combined = default;
        if (_idle[channel] || _ended[channel] || watermark <= _channelWatermarks[channel])
        {
            return false;
        }

        _channelWatermarks[channel] = watermark;
        if (!_aligned[channel] && watermark >= _lastEmitted)
        {
            _aligned[channel] = true;
        }

        return TryCombineAligned(out combined);
    }

    /// <summary>A channel became idle or active again; returns what changed for the input.</summary>
    public Change SetChannelIdle(int channel, bool idle)
    {
        if (_ended[channel] || _idle[channel] == idle)
        {
            return default;
        }

        _idle[channel] = idle;
        if (!idle)
        {
            _aligned[channel] = _channelWatermarks[channel] >= _lastEmitted;
            if (_inputIdle)
            {
                _inputIdle = false;
                return new Change(null, false);
            }

            return default;
        }

        _aligned[channel] = false;
        return AfterChannelLeft();
    }

    /// <summary>A channel ended: it stops holding back the watermark.</summary>
    public Change EndChannel(int channel)
    {
        if (_ended[channel])
        {
            return default;
        }

        _ended[channel] = true;
        _aligned[channel] = false;
        _activeChannels--;
        return AfterChannelLeft();
    }

    /// <summary>A channel stopped counting (idle or ended): the minimum may advance, or the whole input become idle.</summary>
    private Change AfterChannelLeft()
    {
        if (_activeChannels == 0)
        {
            return default; // the input has ended; its final watermark came before
        }

        if (!HasActiveChannel())
        {
            // Nothing will advance any channel now: flush to the highest watermark seen, then go idle.
            Watermark? flushed = null;
            long max = long.MinValue;
            for (int i = 0; i < _channelWatermarks.Length; i++)
            {
                if (!_ended[i])
                {
                    max = Math.Max(max, _channelWatermarks[i]);
                }
            }

            if (max > _lastEmitted)
            {
                _lastEmitted = max;
                flushed = new Watermark(max);
            }

            bool wasIdle = _inputIdle;
            _inputIdle = true;
            return new Change(flushed, wasIdle ? null : true);
        }

        return TryCombineAligned(out var combined) ? new Change(combined, null) : default;
    }

    private bool HasActiveChannel()
    {
        for (int i = 0; i < _idle.Length; i++)
        {
            if (!_idle[i] && !_ended[i])
            {
                return true;
            }
        }

        return false;
    }

    private bool TryCombineAligned(out Watermark combined)
    {
        long min = long.MaxValue;
        bool any = false;
        for (int i = 0; i < _channelWatermarks.Length; i++)
        {
            if (_aligned[i] && !_idle[i] && !_ended[i])
            {
                any = true;
                min = Math.Min(min, _channelWatermarks[i]);
            }
        }

        if (any && min > _lastEmitted)
        {
            _lastEmitted = min;
            combined = new Watermark(min);
            return true;
        }

        combined = default;
        return false;
    }

    /// <summary>What a status change or an ended channel did to the input: a new watermark (first) and/or a new idle status.</summary>
    public readonly record struct Change(Watermark? Watermark, bool? Idle);
}

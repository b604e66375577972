using Flinq.Time;

namespace Flinq.Runtime.Exchange;

/// <summary>
/// Combines the watermarks of the channels of one logical input (Flink's <c>StatusWatermarkValve</c>): the
/// input's watermark is the minimum over channels still active; a channel that ended no longer holds it back.
/// Emits only when the combined watermark advances.
/// </summary>
internal sealed class WatermarkValve
{
    private readonly long[] _channelWatermarks;
    private readonly bool[] _ended;
    private int _activeChannels;
    private long _lastEmitted = long.MinValue;

    public WatermarkValve(int channelCount)
    {
        _channelWatermarks = new long[channelCount];
        Array.Fill(_channelWatermarks, long.MinValue);
        _ended = new bool[channelCount];
        _activeChannels = channelCount;
    }

    public bool AllEnded => _activeChannels == 0;

    /// <summary>Records a channel's watermark; returns the input's new watermark if it advanced.</summary>
    public bool TryAdvance(int channel, long watermark, out Watermark combined)
    {
        if (watermark > _channelWatermarks[channel])
        {
            _channelWatermarks[channel] = watermark;
        }

        return TryCombine(out combined);
    }

    /// <summary>A channel ended: it stops holding back the watermark.</summary>
    public bool EndChannel(int channel, out Watermark combined)
    {
        if (!_ended[channel])
        {
            _ended[channel] = true;
            _activeChannels--;
        }

        return TryCombine(out combined);
    }

    private bool TryCombine(out Watermark combined)
    {
        long min = long.MaxValue;
        bool any = false;
        for (int i = 0; i < _channelWatermarks.Length; i++)
        {
            if (!_ended[i])
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
}

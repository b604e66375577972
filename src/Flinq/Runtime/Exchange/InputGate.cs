using Flinq.Operators;
using Flinq.Runtime.Tasks;

namespace Flinq.Runtime.Exchange;

/// <summary>
/// All input channels of one task, over one or two logical inputs (a union feeds one logical input from
/// several upstream operators). Polls channels round robin so no producer starves, delivers batches to the
/// head operator, and merges watermarks per logical input.
/// </summary>
internal sealed partial class InputGate
{
    private readonly List<InputChannelReader> _readers = new();
    private readonly List<WatermarkValve> _valves = new();
    private int _next;
    private int _openReaders;

    public InputGate(TaskIOMetrics metrics) => Metrics = metrics;

    public bool IsFinished => _openReaders == 0;

    /// <summary>The task's counters: readers add the records of each batch they deliver.</summary>
    public TaskIOMetrics Metrics { get; }

    /// <summary>
    /// The task's input watermark: the minimum over its logical inputs of the watermark each forwarded last
    /// (<see cref="long.MinValue"/> before every input has had one). Safe to read from another thread.
    /// </summary>
    public long InputWatermark
    {
        get
        {
            long min = long.MaxValue;
            foreach (var valve in _valves)
            {
                min = Math.Min(min, valve.LastEmitted);
            }

            return _valves.Count == 0 ? long.MinValue : min;
        }
    }

    /// <summary>Adds the watermark valve of one logical input (one per input of the head operator).</summary>
    public void AddValve(WatermarkValve valve) => _valves.Add(valve);

    public void Add(InputChannelReader reader)
    {
        reader.Gate = this;
        _readers.Add(reader);
        _openReaders++;
    }

    /// <summary>Processes one batch from some channel; false when no channel has one.</summary>
    public bool PollNext()
    {
        int count = _readers.Count;
        for (int i = 0; i < count; i++)
        {
            var reader = _readers[_next];
            _next = _next + 1 == count ? 0 : _next + 1;
            if (!reader.Ended && !reader.Blocked && reader.TryProcessBatch())
            {
                if (reader.Ended)
                {
                    _openReaders--;
                    OnReaderEnded();
                }

                return true;
            }
        }

        return false;
    }
}

/// <summary>Reads one channel into an input of the head operator.</summary>
internal abstract class InputChannelReader
{
    public bool Ended { get; protected set; }

    /// <summary>Held back during barrier alignment: its barrier arrived, others' have not.</summary>
    public bool Blocked { get; set; }

    /// <summary>The id of the last checkpoint barrier this channel delivered.</summary>
    public long LastBarrier { get; set; } = -1;

    public InputGate Gate { get; set; } = null!;

    public abstract bool TryProcessBatch();
}

internal sealed class InputChannelReader<T> : InputChannelReader
{
    private readonly ExchangeChannel<T> _channel;
    private readonly Input<T> _target;
    private readonly WatermarkValve _valve;
    private readonly int _channelIndex;

    public InputChannelReader(ExchangeChannel<T> channel, Input<T> target, WatermarkValve valve, int channelIndex)
    {
        _channel = channel;
        _target = target;
        _valve = valve;
        _channelIndex = channelIndex;
    }

    public override bool TryProcessBatch()
    {
        if (!_channel.TryReceive(out var batch))
        {
            return false;
        }

        try
        {
            if (batch.Count > 0)
            {
                Gate.Metrics.AddRecordsIn(batch.Count);
                _target.ProcessBatch(batch.Values, batch.Timestamps, batch.Count);
            }

            switch (batch.Event.Kind)
            {
                case StreamEventKind.Watermark:
                    if (_valve.TryAdvance(_channelIndex, batch.Event.Value, out var watermark))
                    {
                        _target.ProcessWatermark(watermark);
                    }

                    break;
                case StreamEventKind.Barrier:
                    Gate.OnBarrier(this, batch.Event.Value);
                    break;
                case StreamEventKind.WatermarkStatus:
                    ApplyStatus(_valve.SetChannelIdle(_channelIndex, batch.Event.Value != 0));
                    break;
                case StreamEventKind.EndOfPartition:
                    Ended = true;
                    ApplyStatus(_valve.EndChannel(_channelIndex));
                    break;
            }
        }
        finally
        {
            _channel.Return(batch);
        }

        return true;
    }

    private void ApplyStatus(WatermarkValve.Change change)
    {
        if (change.Watermark is { } watermark)
        {
            _target.ProcessWatermark(watermark);
        }

        if (change.Idle is { } idle)
        {
            _target.ProcessWatermarkStatus(idle);
        }
    }
}

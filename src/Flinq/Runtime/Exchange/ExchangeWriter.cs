using Flinq.Operators;
using Flinq.Runtime.Tasks;
using Flinq.Time;

namespace Flinq.Runtime.Exchange;

/// <summary>
/// The end of a chain that feeds an exchange: partitions records into one open batch per consumer channel
/// and sends a batch when it is full, when a watermark or the end of input must follow the records, or when
/// the task flushes (idle, or the buffer timeout passed).
/// </summary>
internal sealed class ExchangeWriter<T> : Input<T>, IOutputFlusher
{
    private readonly ExchangeChannel<T>[] _channels;
    private readonly RecordBatch<T>[] _open;
    private readonly StreamPartitioner<T> _partitioner;
    private readonly TaskIOMetrics _metrics;
    private readonly bool _single;

    // A broadcast sends every record to every channel: count the records once, by the batches of channel 0.
    private readonly int _countedChannels;

    public ExchangeWriter(ExchangeChannel<T>[] channels, StreamPartitioner<T> partitioner, TaskIOMetrics metrics)
    {
        _channels = channels;
        _partitioner = partitioner;
        _metrics = metrics;
        _single = channels.Length == 1;
        _countedChannels = partitioner.IsBroadcast ? 1 : channels.Length;
        _open = new RecordBatch<T>[channels.Length];
        for (int i = 0; i < channels.Length; i++)
        {
            _open[i] = channels[i].Rent();
        }
    }

    public override void ProcessElement(T value, Timestamp timestamp)
    {
        if (_single)
        {
            Append(0, value, timestamp);
            return;
        }

        int channel = _partitioner.SelectChannel(value, _channels.Length);
        if (channel >= 0)
        {
            Append(channel, value, timestamp);
            return;
        }

        for (int i = 0; i < _channels.Length; i++)
        {
            Append(i, value, timestamp);
        }
    }

    public override void ProcessWatermark(Watermark watermark)
    {
        _metrics.SetOutputWatermark(watermark.Milliseconds);
        SendEventToAll(StreamEvent.ForWatermark(watermark));
    }

    public override void ProcessWatermarkStatus(bool idle) => SendEventToAll(StreamEvent.ForWatermarkStatus(idle));

    public void Flush()
    {
        for (int i = 0; i < _open.Length; i++)
        {
            if (_open[i].Count > 0)
            {
                SendOpen(i);
            }
        }
    }

    public void EndOfPartition() => SendEventToAll(StreamEvent.EndOfPartition);

    public void EmitBarrier(long checkpointId) => SendEventToAll(StreamEvent.ForBarrier(checkpointId));

    private void Append(int channel, T value, Timestamp timestamp)
    {
        var batch = _open[channel];
        batch.Add(value, timestamp);
        if (batch.IsFull)
        {
            SendOpen(channel);
        }
    }

    private void SendEventToAll(StreamEvent streamEvent)
    {
        for (int i = 0; i < _open.Length; i++)
        {
            _open[i].Event = streamEvent;
            SendOpen(i);
        }
    }

    private void SendOpen(int channel)
    {
        var batch = _open[channel];
        if (channel < _countedChannels)
        {
            _metrics.AddRecordsOut(batch.Count);
        }

        _channels[channel].Send(batch, _metrics);
        _open[channel] = _channels[channel].Rent();
    }
}

/// <summary>Something a task flushes when it goes idle or its buffer timeout passes, and closes at end of input.</summary>
internal interface IOutputFlusher
{
    void Flush();

    void EndOfPartition();

    /// <summary>Sends a checkpoint barrier after everything written so far, on every channel.</summary>
    void EmitBarrier(long checkpointId);
}

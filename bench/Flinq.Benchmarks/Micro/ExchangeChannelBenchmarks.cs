using BenchmarkDotNet.Attributes;
using Flinq.Runtime.Exchange;
using Flinq.Runtime.Tasks;
using Flinq.Time;

namespace Flinq.Benchmarks.Micro;

/// <summary>
/// Records through one <see cref="ExchangeChannel{T}"/> from a producer thread to a consumer thread, batched as
/// the engine batches them: what a record pays to cross between two tasks, without any operator.
/// </summary>
[MemoryDiagnoser]
public class ExchangeChannelBenchmarks
{
    private const int Records = 1 << 22;

    [Params(256, 1024)]
    public int BatchSize { get; set; }

    [Params(4)]
    public int Capacity { get; set; }

    [Benchmark(OperationsPerInvoke = Records)]
    public long ProducerToConsumer()
    {
        using var wakeup = new TaskWakeup();
        var channel = new ExchangeChannel<long>(Capacity, BatchSize, wakeup, CancellationToken.None);
        var producer = new Thread(() => Produce(channel));
        producer.Start();

        long sum = 0;
        long received = 0;
        while (received < Records)
        {
            if (!channel.TryReceive(out var batch))
            {
                wakeup.Wait(Timeout.InfiniteTimeSpan, CancellationToken.None);
                continue;
            }

            var values = batch.Values;
            for (int i = 0; i < batch.Count; i++)
            {
                sum += values[i];
            }

            received += batch.Count;
            channel.Return(batch);
        }

        producer.Join();
        return sum;
    }

    private static void Produce(ExchangeChannel<long> channel)
    {
        var metrics = new TaskIOMetrics();
        var batch = channel.Rent();
        for (long n = 0; n < Records; n++)
        {
            batch.Add(n, Timestamp.None);
            if (batch.IsFull)
            {
                channel.Send(batch, metrics);
                batch = channel.Rent();
            }
        }

        if (batch.Count > 0)
        {
            channel.Send(batch, metrics);
        }
    }
}

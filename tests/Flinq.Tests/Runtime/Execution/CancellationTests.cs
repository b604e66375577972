using Flinq.Testing;
using Flinq.Tests.TestSupport;

namespace Flinq.Tests.Runtime.Execution;

public sealed class CancellationTests
{
    private static readonly TimeSpan s_promptly = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ExecuteAsync_UnboundedJobCancelled_EndsAsCancelledPromptly()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var sink = env.FromGenerator(n => n)
            .Map(n => n % 1000)
            .KeyBy(n => n % 7)
            .Sum(n => n)
            .Collect();
        using var cancellation = new CancellationTokenSource();

        var job = env.ExecuteAsync("endless", cancellation.Token);
        await TestConditions.WaitUntilAsync(() => sink.Count > 1_000, TimeSpan.FromSeconds(10), "records to flow");
        await cancellation.CancelAsync();

        await EndsCancelledAsync(job);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileBackpressured_EndsAsCancelledPromptly()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, BatchSize = 4, ChannelCapacity = 2 });
        var sink = new SlowSink<long>(sleepEvery: 1, TimeSpan.FromMilliseconds(20));
        env.FromGenerator(n => n).Rebalance().SinkTo(sink);
        using var cancellation = new CancellationTokenSource();

        var job = env.ExecuteAsync("backpressured", cancellation.Token);
        // The sink takes 20 ms per record, the channel holds 8: after a few records the source is blocked.
        await TestConditions.WaitUntilAsync(() => sink.Count >= 5, TimeSpan.FromSeconds(10), "the slow sink to receive records");
        await cancellation.CancelAsync();

        await EndsCancelledAsync(job);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileSocketSourceWaits_EndsAsCancelledPromptly()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var serverStop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync("hello\n"u8.ToArray());
            // Keep the connection open and silent until the test ends.
            await Task.Delay(Timeout.Infinite, serverStop.Token).ContinueWith(_ => { });
        });
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var sink = env.SocketTextStream("127.0.0.1", port).Collect();
        using var cancellation = new CancellationTokenSource();

        var job = env.ExecuteAsync("socket", cancellation.Token);
        await TestConditions.WaitUntilAsync(() => sink.Count == 1, TimeSpan.FromSeconds(10), "the first line");
        await cancellation.CancelAsync();

        await EndsCancelledAsync(job);
        await serverStop.CancelAsync();
        await server;
    }

    [Fact]
    public async Task ExecuteAsync_AlreadyCancelledToken_EndsAsCancelled()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromGenerator(n => n).Collect();

        var job = env.ExecuteAsync("never", new CancellationToken(canceled: true));

        await EndsCancelledAsync(job);
    }

    private static async Task EndsCancelledAsync(Task<JobExecutionResult> job)
    {
        (await Task.WhenAny(job, Task.Delay(s_promptly))).Should().BeSameAs(job, "the job should stop within a few seconds of cancellation");
        job.IsCanceled.Should().BeTrue();
        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}

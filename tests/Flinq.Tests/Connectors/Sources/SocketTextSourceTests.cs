using System.Net;
using System.Net.Sockets;
using System.Text;
using Flinq.Testing;

namespace Flinq.Tests.Connectors.Sources;

public sealed class SocketTextSourceTests
{
    [Fact]
    public async Task SocketTextStream_ServerWritesLinesThenCloses_AllLinesArriveAndJobEnds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var lines = Enumerable.Range(0, 2_000).Select(i => $"line {i}").ToList();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            // Windows line endings on some lines: the source strips the trailing '\r'.
            var text = string.Concat(lines.Select((l, i) => i % 2 == 0 ? l + "\n" : l + "\r\n"));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        });
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var sink = env.SocketTextStream("127.0.0.1", port).Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        await server;

        sink.Values.Should().Equal(lines);
    }

    [Fact]
    public async Task SocketTextStream_NobodyListening_FailsTheJob()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.SocketTextStream("127.0.0.1", port).Collect();

        var act = () => env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var error = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        error.InnerException.Should().BeOfType<IOException>().Which.Message.Should().Contain($"127.0.0.1:{port}");
    }
}

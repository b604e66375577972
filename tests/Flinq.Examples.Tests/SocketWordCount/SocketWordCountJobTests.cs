using System.Net;
using System.Net.Sockets;
using System.Text;
using Flinq.Examples.SocketWordCount;
using Flinq.Examples.Tests.WordCount;
using Flinq.Testing;

namespace Flinq.Examples.Tests.SocketWordCount;

public class SocketWordCountJobTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Build_LinesFromSocket_EmitsRunningCountPerWord(int parallelism)
    {
        string[] lines =
        [
            "To be, or not to be",
            "",
            "that is the question: TO BE!",
            "Ünïcödé ünïcödé 42 42 42",
        ];
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
        var counts = SocketWordCountJob.Build(env.SocketTextStream("127.0.0.1", port)).Collect();

        var job = env.ExecuteWithTimeoutAsync(s_timeout);
        using (var client = await listener.AcceptTcpClientAsync().WaitAsync(s_timeout))
        await using (var writer = new StreamWriter(client.GetStream(), new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (string line in lines)
            {
                await writer.WriteLineAsync(line);
            }
        }

        await job;

        // Every word's running counts are 1, 2, ..., n in order, n being its number of occurrences.
        var expected = lines.SelectMany(ReferenceWordCount.Words)
            .GroupBy(word => word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Enumerable.Range(1, g.Count()).Select(n => (long)n).ToArray());
        var actual = counts.Values
            .GroupBy(c => c.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Count).ToArray());
        actual.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
        actual["to"].Should().Equal(1, 2, 3);
        actual["42"].Should().Equal(1, 2, 3);
    }
}

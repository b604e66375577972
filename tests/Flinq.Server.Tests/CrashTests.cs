using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests;

/// <summary>
/// Acknowledged writes survive a crash: concurrent remote_write clients write while the real server process is
/// killed with SIGKILL; after a restart on the same data directory every acknowledged sample is there.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flinq-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task KillNine_AfterAcknowledgements_EveryAcknowledgedSampleStoredAfterRestart()
    {
        long t0 = Encoders.NowMs - 60_000;
        var acknowledged = new ConcurrentBag<(string Writer, long Ts)>();
        using (var server = await FlinqProcess.StartAsync(_data))
        {
            using var client = new HttpClient { BaseAddress = server.Address };
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
            {
                for (int i = 0; !stop.IsCancellationRequested; i++)
                {
                    // Each request: 50 samples of this writer's series, timestamps unique per request.
                    var samples = Enumerable.Range(0, 50).Select(j => (t0 + (i * 50L) + j, (double)((i * 50) + j))).ToArray();
                    try
                    {
                        using var response = await client.PostAsync("/api/v1/write", Encoders.RemoteWrite(Encoders.Series("crash_test", [("writer", "w" + w)], samples)));
                        if (response.StatusCode == HttpStatusCode.NoContent)
                        {
                            foreach (var (ts, _) in samples)
                            {
                                acknowledged.Add(("w" + w, ts));
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToArray();

            await TestWait.UntilAsync(() => acknowledged.Count >= 6 * 50 * 10, TimeSpan.FromSeconds(60), "1000s of acknowledged samples");
            server.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        var acked = acknowledged.ToHashSet();
        acked.Count.Should().BeGreaterThanOrEqualTo(3000);
        using var restarted = await FlinqProcess.StartAsync(_data);
        using var reader = new HttpClient { BaseAddress = restarted.Address };
        var json = JsonNode.Parse(await reader.GetStringAsync($"/api/v1/samples?metric=crash_test&start={(t0 / 1000) - 1}&end={(t0 / 1000) + 3600}&limit=1000000"))!;
        var stored = json["data"]!.AsArray()
            .SelectMany(s => s!["points"]!.AsArray().Select(p => (s["labels"]!["writer"]!.GetValue<string>(), p![0]!.GetValue<long>())))
            .ToHashSet();
        acked.Except(stored).Should().BeEmpty("every acknowledged sample must survive kill -9 ({0} acknowledged, {1} stored)", acked.Count, stored.Count);
    }
}

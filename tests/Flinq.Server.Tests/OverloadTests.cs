using System.Collections.Concurrent;
using System.Net;

namespace Flinq.Server.Tests;

public sealed class OverloadTests
{
    [Fact]
    public async Task ConcurrentWrites_QueueOfOneBatch_503WithRetryAfterAndOnlyAcknowledgedStored()
    {
        // Capacity 1 item: a batch is queued only into an empty queue, so while the storage job commits one group,
        // concurrent writers find the queue occupied and are refused. Rounds repeat until a refusal was seen.
        await using var server = await ServerFixture.StartAsync(o => o.QueueCapacity = 1);
        long t0 = Encoders.NowMs - 60_000;
        var acknowledged = new ConcurrentBag<int>();
        var refused = new ConcurrentBag<int>();
        int request = 0;
        await TestWait.UntilAsync(async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                int id = Interlocked.Increment(ref request);
                var samples = Enumerable.Range(0, 200).Select(j => (t0 + j, (double)id)).ToArray();
                using var response = await server.Client.PostAsync("/api/v1/write", Encoders.RemoteWrite(Encoders.Series("overload", [("request", "r" + id)], samples)));
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    acknowledged.Add(id);
                }
                else
                {
                    response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                    response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
                    (await response.Content.ReadAsStringAsync()).Should().Contain("the ingest queue is full");
                    refused.Add(id);
                }
            }));
            return !refused.IsEmpty;
        }, TimeSpan.FromSeconds(60), "a write refused by the full ingest queue");

        var stored = (await server.GetDataAsync($"/api/v1/samples?metric=overload&start={(t0 / 1000) - 1}&end={(t0 / 1000) + 60}&limit=1000000"))
            .AsArray().Select(s => int.Parse(s!["labels"]!["request"]!.GetValue<string>()[1..], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        stored.Should().BeEquivalentTo(acknowledged.ToHashSet());
        stored.Should().NotIntersectWith(refused);
        (await server.Client.GetStringAsync("/metrics")).Should().Contain("flinq_http_requests_total{endpoint=\"remote_write\",code=\"503\"}");
    }
}

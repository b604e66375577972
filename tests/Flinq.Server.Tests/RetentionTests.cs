using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Server.Tests;

public sealed class RetentionTests
{
    [Fact]
    public async Task Commit_AMinuteAfterLastRetentionRun_DeletesDataOlderThanRetention()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ServerFixture.StartAsync(o =>
        {
            o.Retention = TimeSpan.FromHours(1);
            o.TimeProvider = clock;
        });
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var lines = $"kept value=1 {now - 600_000}\nexpired value=2 {now - 7_200_000}\n";
        using (var first = await server.Client.PostAsync("/write?precision=ms", Encoders.Text(lines)))
        {
            first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        string window = $"start={(now / 1000) - 10_000}&end={(now / 1000) + 1}";
        (await server.GetDataAsync($"/api/v1/samples?metric=expired&{window}")).AsArray().Should().HaveCount(1); // not yet: retention runs at most once a minute

        clock.Advance(TimeSpan.FromMinutes(2));
        using (var second = await server.Client.PostAsync("/write?precision=ms", Encoders.Text($"trigger value=3 {now}")))
        {
            second.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await server.GetDataAsync($"/api/v1/samples?metric=expired&{window}")).AsArray().Should().BeEmpty();
        (await server.GetDataAsync($"/api/v1/samples?metric=kept&{window}")).AsArray().Should().HaveCount(1);
    }
}

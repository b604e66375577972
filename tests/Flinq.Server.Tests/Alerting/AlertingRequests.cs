using System.Net;
using System.Text;

namespace Flinq.Server.Tests.Alerting;

/// <summary>The requests the alerting end-to-end tests send to a server: rules, Influx samples, JSON-lines logs.</summary>
internal static class AlertingRequests
{
    /// <summary>PUT /api/v1/rules/{name} with a YAML body; fails unless the rule was created (201).</summary>
    public static async Task PutRuleAsync(ServerFixture f, string name, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await f.Client.PutAsync("/api/v1/rules/" + name, content);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POST /write (Influx line protocol, millisecond timestamps); fails unless stored (204).</summary>
    public static async Task SendAsync(ServerFixture f, string influx)
    {
        using var content = new StringContent(influx, Encoding.UTF8, "text/plain");
        using var response = await f.Client.PostAsync("/write?precision=ms", content);
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POST /api/v1/ingest/logs (JSON lines); fails unless stored (200).</summary>
    public static async Task SendLogsAsync(ServerFixture f, string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        using var response = await f.Client.PostAsync("/api/v1/ingest/logs", content);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Flinq.Server.Configuration;

namespace Flinq.Server.Tests;

/// <summary>A real Flinq server on a free loopback port with its own data directory; stops and deletes it on dispose.</summary>
public sealed class ServerFixture : IAsyncDisposable
{
    private ServerFixture(FlinqServer server, string dataDirectory)
    {
        Server = server;
        DataDirectory = dataDirectory;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public FlinqServer Server { get; }

    public string DataDirectory { get; }

    public HttpClient Client { get; }

    public static async Task<ServerFixture> StartAsync(Action<ServerOptions>? configure = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "flinq-server-test-" + Guid.NewGuid().ToString("N"));
        var options = new ServerOptions { Listen = "127.0.0.1:0", DataDirectory = data };
        configure?.Invoke(options);
        return new ServerFixture(await FlinqServer.StartAsync(options), data);
    }

    public async Task<JsonNode> GetDataAsync(string pathAndQuery, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"GET {pathAndQuery} answered {(int)response.StatusCode}: {text}");
        var json = JsonNode.Parse(text)!;
        json["status"]!.GetValue<string>().Should().Be("success");
        return json["data"]!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

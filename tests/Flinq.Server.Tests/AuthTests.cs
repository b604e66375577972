using System.Net;
using System.Net.Http.Headers;

namespace Flinq.Server.Tests;

public sealed class AuthTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(o =>
    {
        o.WriteToken = "w-secret";
        o.ReadToken = "r-secret";
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpStatusCode> Send(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _server.Client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        }

        return response.StatusCode;
    }

    [Theory]
    [InlineData("/write", "text/plain")]
    [InlineData("/api/v1/ingest/metrics", "application/x-ndjson")]
    [InlineData("/v1/logs", "application/json")]
    public async Task Write_WithoutOrWithWrongToken_401(string path, string mediaType)
    {
        (await Send(HttpMethod.Post, path, null, Encoders.Text("x", mediaType))).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Post, path, "r-secret", Encoders.Text("x", mediaType))).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WriteAndRead_WithTheirTokens_Succeed()
    {
        long now = Encoders.NowMs;
        (await Send(HttpMethod.Post, "/write?precision=ms", "w-secret", Encoders.Text($"auth_ok value=1 {now}"))).Should().Be(HttpStatusCode.NoContent);
        (await Send(HttpMethod.Get, "/api/v1/metric_names", null)).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Get, "/api/v1/metric_names", "w-secret")).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Get, "/metrics", null)).Should().Be(HttpStatusCode.Unauthorized);
        (await Send(HttpMethod.Get, "/metrics", "r-secret")).Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Get, "/-/healthy", null)).Should().Be(HttpStatusCode.OK);
        var names = await _server.GetDataAsync("/api/v1/metric_names", "r-secret");
        names.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("auth_ok");
    }
}

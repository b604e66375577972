using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Flinq.Server;
using Flinq.Server.Configuration;
using Microsoft.Playwright;

namespace Flinq.Dashboard.Tests;

/// <summary>The dashboard against a server with a read token and a different write token.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TokenTests
{
    private readonly DashboardFixture _fixture;

    public TokenTests(DashboardFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Rules_WithoutTokensShows401_WithBothTokensReadsAndSaves()
    {
        string data = Path.Combine(Path.GetTempPath(), "flinq-dashboard-tokens-" + Guid.NewGuid().ToString("N"));
        var server = await FlinqServer.StartAsync(new ServerOptions { Listen = "127.0.0.1:0", DataDirectory = data, ReadToken = "r-tok", WriteToken = "w-tok" });
        try
        {
            await using var page = await _fixture.OpenAsync("#/rules", server: server.Address);
            await Assertions.Expect(page.Page.Locator("#app")).ToContainTextAsync("401", new() { Timeout = 30_000 });

            await page.Page.Locator("#token-button").ClickAsync();
            await page.Page.Locator("input[name=read]").FillAsync("r-tok");
            await page.Page.Locator("input[name=write]").FillAsync("w-tok");
            await page.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

            // Reads now pass (the rule list), and a change goes out with the write token.
            await page.Page.GetByRole(AriaRole.Button, new() { Name = "New rule" }).ClickAsync();
            await page.Page.GetByTestId("rule-name").FillAsync("token-rule");
            await page.Page.GetByTestId("rule-yaml").FillAsync("name: token-rule\nkind: absence\nabsence: {metric: up, group_by: [host], silent_for: 1m}\n");
            await page.Page.GetByTestId("rule-save").ClickAsync();
            await Assertions.Expect(page.Page.Locator("[data-testid=rule-row][data-rule='token-rule']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

            using var client = new HttpClient { BaseAddress = server.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "r-tok");
            var rule = JsonNode.Parse(await client.GetStringAsync("api/v1/rules/token-rule"))!;
            rule["kind"]!.GetValue<string>().Should().Be("absence");
            page.ShouldHaveNoErrors();
        }
        finally
        {
            await server.StopAsync();
            Directory.Delete(data, recursive: true);
        }
    }
}

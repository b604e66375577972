using System.Text;
using Flinq.Server;
using Flinq.Server.Configuration;
using Flinq.Server.Demo;
using Microsoft.Playwright;

namespace Flinq.Dashboard.Tests;

/// <summary>
/// One real Flinq server (in this process, on a free loopback port, its own data directory) with the demo
/// workload sending every second, and one headless Debian Chromium driven by Playwright; shared by every
/// dashboard test and stopped at the end.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Where the tests write their screenshots (git-ignored; docs/screenshots holds the one the README shows).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    private readonly CancellationTokenSource _stop = new();
    private string _data = string.Empty;
    private Task _workload = Task.CompletedTask;
    private IPlaywright? _playwright;

    public FlinqServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        const string Chromium = "/usr/bin/chromium";
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"the dashboard tests drive Debian's Chromium at {Chromium}, which is missing: run ./test.sh (it installs it) or apt-get install chromium");
        }

        _data = Path.Combine(Path.GetTempPath(), "flinq-dashboard-test-" + Guid.NewGuid().ToString("N"));
        Server = await FlinqServer.StartAsync(new ServerOptions { Listen = "127.0.0.1:0", DataDirectory = _data });
        Client = new HttpClient { BaseAddress = Server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var workload = new DemoWorkload(Client);
        _workload = Task.Run(() => workload.RunAsync(TimeProvider.System, null, _stop.Token));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// A new page at <paramref name="hash"/> (e.g. <c>#/explore</c>) in a window of the given size. Console
    /// errors are collected into <see cref="DashboardPage.Errors"/> (a CSP violation is one). <paramref name="server"/>:
    /// another server than the shared one.
    /// </summary>
    public async Task<DashboardPage> OpenAsync(string hash, int width = 1920, int height = 1080, Uri? server = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var result = new DashboardPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                result.Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => result.Errors.Add("page error: " + error);
        page.Dialog += async (_, dialog) =>
        {
            result.Dialogs.Add(dialog.Type + ": " + dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync(new Uri(server ?? Server.Address, "/" + hash).ToString());
        return result;
    }

    /// <summary>Fails with "API not available" when <paramref name="path"/> answers 404 (a part built elsewhere and not merged yet).</summary>
    public async Task RequireApiAsync(string path, string owner)
    {
        using var response = await Client.GetAsync(path);
        if ((int)response.StatusCode == 404)
        {
            throw new InvalidOperationException($"API not available: GET {path} answered 404 — it is built by {owner}; this test runs once that part is merged into the server");
        }
    }

    /// <summary>POSTs Influx line protocol (millisecond timestamps) and fails unless it was stored (204).</summary>
    public async Task WriteInfluxAsync(string lines)
    {
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using var response = await Client.PostAsync("write?precision=ms", content);
        ((int)response.StatusCode).Should().Be(204, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _workload;
        }
        catch (OperationCanceledException)
        {
        }

        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Client?.Dispose();
        if (Server is not null)
        {
            await Server.StopAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }

        _stop.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flinq.slnx")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}

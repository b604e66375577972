using System.Diagnostics;

namespace Flinq.Server.Tests;

/// <summary>
/// The real <c>flinq server</c> as a child process (<c>dotnet Flinq.Cli.dll server ...</c>) on a free loopback
/// port (it listens on port 0 and prints its address).
/// </summary>
internal sealed class FlinqProcess : IDisposable
{
    private readonly Process _process;

    private FlinqProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static string CliPath
    {
        get
        {
            // tests/Flinq.Server.Tests/bin/<Configuration>/net10.0/ → src/Flinq.Cli/bin/<Configuration>/net10.0/
            var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var configuration = testDir.Parent!.Name;
            var repo = testDir.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(repo, "src", "Flinq.Cli", "bin", configuration, testDir.Name, "Flinq.Cli.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("build src/Flinq.Cli first (the test project references it)", path);
        }
    }

    public static async Task<FlinqProcess> StartAsync(string dataDirectory, params string[] flags)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { CliPath, "server", "--listen", "127.0.0.1:0", "--data", dataDirectory }.Concat(flags))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                throw new InvalidOperationException("flinq server exited before listening: " + await stderr);
            }

            const string Marker = "listening on ";
            int at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var url = line[(at + Marker.Length)..].Split(' ')[0];
                _ = process.StandardOutput.ReadToEndAsync(); // keep the pipe drained
                return new FlinqProcess(process, new Uri(url));
            }
        }
    }

    /// <summary>The process id (to send it signals).</summary>
    public int ProcessId => _process.Id;

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using Flinq.CrashTest;

namespace Flinq.Tests.Checkpointing;

/// <summary>
/// Kills the process running a checkpointed job at seeded random moments (kill -9: no cleanup runs) and starts it
/// again from its checkpoint directory until it finishes; the committed output must equal a run without failures.
/// </summary>
public sealed class ProcessCrashTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(42)]
    public async Task KillProcess_AtRandomPoints_RestartFromCheckpointsCommitsExactlyOnce(int seed)
    {
        const long records = 20000;
        string output = Path.Combine(_root, "out");
        string checkpoints = Path.Combine(_root, "chk");
        var random = new Random(seed);
        int kills = 0;
        int starts = 0;
        string lastError = "";
        while (true)
        {
            Assert.True(starts < 40, $"the job did not finish after {starts} starts ({kills} kills); last stderr: {lastError}");
            using var process = StartJob(output, checkpoints, records);
            starts++;
            var stderr = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();
            // Kill three times at random points, then let the job finish.
            if (kills < 3 && await Task.WhenAny(exited, Task.Delay(random.Next(300, 1200))) != exited)
            {
                process.Kill(entireProcessTree: true);
                await exited;
                kills++;
                continue;
            }

            await exited.WaitAsync(TimeSpan.FromSeconds(120));
            lastError = await stderr;
            Assert.True(process.ExitCode == 0, $"the job process failed with exit code {process.ExitCode}: {lastError}");
            break;
        }

        kills.Should().BeGreaterThan(0, "the test must actually crash the job");
        CheckpointingJob.Committed(output).Should().Equal(CheckpointingJob.Expected(records));
    }

    private static Process StartJob(string output, string checkpoints, long records)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Flinq.CrashTest.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--output", output, "--checkpoints", checkpoints, "--records", records.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rate", "8000", "--parallelism", "2" })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash test job.");
    }
}

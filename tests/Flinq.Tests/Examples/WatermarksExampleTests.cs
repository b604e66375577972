using System.Text.RegularExpressions;
using Flinq.Connectors;
using Flinq.Examples.Watermarks;
using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Tests.Examples;

public sealed class WatermarksExampleTests
{
    [Fact]
    public async Task Watermarks_SampleInput_PrintsExactlyTheOutputInItsReadme()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var lines = new List<string>();
        var (results, tooLate) = WatermarksJob.Build(env, WatermarksJob.SampleInput);
        results.SinkTo(new SharedListSink(lines, prefix: ""));
        tooLate.SinkTo(new SharedListSink(lines, prefix: "too late> "));

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        lines.Should().Equal(ReadmeOutput());
    }

    [Fact]
    public void SampleInput_IsTheInputShownInTheReadme() =>
        WatermarksJob.SampleLines.Should().Equal(ReadmeBlock("## Input (built in)"));

    private static string[] ReadmeOutput() => ReadmeBlock("## Output");

    private static string[] ReadmeBlock(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "Watermarks", "README.md"));
        int section = readme.IndexOf(heading, StringComparison.Ordinal);
        section.Should().BeGreaterThan(0, $"the README has a '{heading}' section");
        var block = Regex.Match(readme[section..], "```text\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        return block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Flinq.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Flinq.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Writes what two sinks receive, in the order they receive it, into one list (as Print writes to one console).</summary>
    private sealed class SharedListSink(List<string> lines, string prefix) : Sink<string>
    {
        public override SinkWriter<string> CreateWriter(SinkContext context) => new Writer(lines, prefix);

        private sealed class Writer(List<string> lines, string prefix) : SinkWriter<string>
        {
            public override void Write(string value, Timestamp timestamp)
            {
                lock (lines)
                {
                    lines.Add(prefix + value);
                }
            }
        }
    }
}

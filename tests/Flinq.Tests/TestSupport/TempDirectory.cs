namespace Flinq.Tests.TestSupport;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flinq-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, params string[] lines)
    {
        string path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does not affect other tests.
        }
    }
}

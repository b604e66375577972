using Flinq.Checkpointing;

namespace Flinq.Server;

/// <summary>
/// Where the server's engine job resumes: the savepoint its last clean stop took (<c>DATA/savepoints</c>, named in
/// <c>DATA/savepoints/latest</c>) when that is newer than the newest complete checkpoint in <c>DATA/checkpoints</c>,
/// else the newest checkpoint (after a crash). A clean stop takes a savepoint instead of ending the input, because
/// ending it would fire every event-time timer (the final watermark) and commit state changes that no checkpoint holds.
/// </summary>
internal static class JobRestorePoint
{
    public static string CheckpointDirectory(string dataDirectory) => Path.Combine(dataDirectory, "checkpoints");

    public static string SavepointDirectory(string dataDirectory) => Path.Combine(dataDirectory, "savepoints");

    /// <summary>Sets <paramref name="options"/> to resume from the newer of the last savepoint and the newest checkpoint.</summary>
    public static void Configure(CheckpointingOptions options, string dataDirectory)
    {
        options.Directory = CheckpointDirectory(dataDirectory);
        options.ResumeFromLatest = true;
        string marker = Path.Combine(SavepointDirectory(dataDirectory), "latest");
        if (!File.Exists(marker))
        {
            return;
        }

        string savepoint = File.ReadAllText(marker).Trim();
        var savedAt = MetadataTime(savepoint);
        if (savedAt is null)
        {
            return;
        }

        var newestCheckpoint = Directory.Exists(options.Directory)
            ? Directory.EnumerateDirectories(options.Directory, "chk-*").Select(MetadataTime).Where(t => t is not null).DefaultIfEmpty(null).Max()
            : null;
        if (newestCheckpoint is null || savedAt >= newestCheckpoint)
        {
            options.RestorePath = savepoint;
        }
    }

    /// <summary>Records <paramref name="savepoint"/> as the one to resume from and deletes older savepoints.</summary>
    public static void Record(string dataDirectory, string savepoint)
    {
        string directory = SavepointDirectory(dataDirectory);
        File.WriteAllText(Path.Combine(directory, "latest.tmp"), savepoint);
        File.Move(Path.Combine(directory, "latest.tmp"), Path.Combine(directory, "latest"), overwrite: true);
        foreach (var old in Directory.EnumerateDirectories(directory, "savepoint-*"))
        {
            if (!string.Equals(Path.GetFullPath(old), Path.GetFullPath(savepoint), StringComparison.Ordinal))
            {
                Directory.Delete(old, recursive: true);
            }
        }
    }

    private static DateTime? MetadataTime(string directory)
    {
        string file = Path.Combine(directory, "_metadata");
        return File.Exists(file) ? File.GetLastWriteTimeUtc(file) : null;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flinq.Checkpointing.Storage;

/// <summary>
/// Checkpoints in a directory (Flink's filesystem checkpoint storage). A checkpoint is written into
/// <c>chk-N.inprogress/</c> — one file per operator instance, concurrently from the tasks — then its
/// <c>_metadata</c> (sizes and checksums of every file) is written and flushed, and the directory is renamed to
/// <c>chk-N/</c>. Only a renamed directory whose metadata and files verify is a complete checkpoint; anything else
/// is ignored on recovery (with a log line saying why). The newest <c>retain</c> complete checkpoints are kept.
/// </summary>
internal sealed class CheckpointStorage
{
    private readonly string _prefix;
    private const string InProgressSuffix = ".inprogress";
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    private readonly ILogger _logger;

    public CheckpointStorage(string directory, int retain, ILogger? logger = null, string prefix = "chk-")
    {
        _prefix = prefix;
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(retain, 1);
        Directory = Path.GetFullPath(directory);
        Retain = retain;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Directory { get; }

    public int Retain { get; }

    /// <summary>Starts writing checkpoint <paramref name="checkpointId"/>; discards a leftover attempt with the same id.</summary>
    public PendingCheckpoint Begin(long checkpointId)
    {
        string path = Path.Combine(Directory, DirectoryName(checkpointId) + InProgressSuffix);
        System.IO.Directory.CreateDirectory(Directory);
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }

        System.IO.Directory.CreateDirectory(path);
        return new PendingCheckpoint(this, checkpointId, path);
    }

    /// <summary>The newest complete checkpoint that verifies, or null. Corrupt ones are skipped with a warning.</summary>
    public CompletedCheckpoint? FindLatest()
    {
        foreach (var (id, path) in ListCompleted().OrderByDescending(c => c.Id))
        {
            try
            {
                return CompletedCheckpoint.Load(path);
            }
            catch (CheckpointCorruptException e)
            {
                _logger.LogWarning("Skipping checkpoint {CheckpointId} at {Path}: {Reason}. Falling back to an older checkpoint.", id, path, e.Message);
            }
        }

        return null;
    }

    /// <summary>The id of the newest complete-looking checkpoint directory, or 0 (to continue numbering after a restart).</summary>
    public long HighestId() => ListCompleted().Select(c => c.Id).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Deletes leftover in-progress directories (from a crash or a failed attempt) and complete checkpoints beyond
    /// the newest <see cref="Retain"/>. Only while no checkpoint is being written.
    /// </summary>
    public void Prune()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        foreach (var dir in System.IO.Directory.GetDirectories(Directory, _prefix + "*" + InProgressSuffix))
        {
            TryDelete(dir);
        }

        PruneCompleted();
    }

    // Safe while the next checkpoint is being written: touches complete checkpoints only.
    private void PruneCompleted()
    {
        foreach (var (_, path) in ListCompleted().OrderByDescending(c => c.Id).Skip(Retain))
        {
            TryDelete(path);
        }
    }

    internal CompletedCheckpoint Complete(PendingCheckpoint pending, CheckpointMetadata metadata)
    {
        string metadataPath = Path.Combine(pending.Path, CheckpointMetadata.FileName);
        using (var stream = new FileStream(metadataPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, metadata, s_json);
            stream.Flush(flushToDisk: true);
        }

        string final = Path.Combine(Directory, DirectoryName(pending.CheckpointId));
        if (System.IO.Directory.Exists(final))
        {
            System.IO.Directory.Delete(final, recursive: true);
        }

        System.IO.Directory.Move(pending.Path, final);
        PruneCompleted();
        return new CompletedCheckpoint(final, metadata);
    }

    internal string DirectoryName(long checkpointId) => _prefix + checkpointId.ToString("D12", CultureInfo.InvariantCulture);

    internal static string Checksum(ReadOnlySpan<byte> data) => XxHash64.HashToUInt64(data).ToString("x16", CultureInfo.InvariantCulture);

    private IEnumerable<(long Id, string Path)> ListCompleted()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }

        foreach (var dir in System.IO.Directory.GetDirectories(Directory, _prefix + "*"))
        {
            string name = Path.GetFileName(dir);
            if (!name.EndsWith(InProgressSuffix, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(_prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                yield return (id, dir);
            }
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException e)
        {
            _logger.LogWarning("Could not delete old checkpoint directory {Path}: {Reason}", path, e.Message);
        }
    }
}

/// <summary>A checkpoint being written. Tasks add their state files from any thread; the coordinator completes it.</summary>
internal sealed class PendingCheckpoint
{
    private readonly CheckpointStorage _storage;
    private readonly ConcurrentDictionary<(string Uid, int Subtask), StateFile> _files = new();

    // Tasks write concurrently (shared); an abort waits for writes in progress and stops later ones (exclusive).
    private readonly ReaderWriterLockSlim _abortLock = new();
    private bool _aborted;

    public PendingCheckpoint(CheckpointStorage storage, long checkpointId, string path)
    {
        _storage = storage;
        CheckpointId = checkpointId;
        Path = path;
    }

    public long CheckpointId { get; }

    public string Path { get; }

    /// <summary>Total bytes of state written so far.</summary>
    public long Size => _files.Values.Sum(f => f.Size);

    /// <summary>Writes the state of one operator instance (durably: flushed to disk); false when the checkpoint was aborted.</summary>
    public bool WriteState(string uid, int subtask, ReadOnlySpan<byte> data)
    {
        string name = $"op-{SafeName(uid)}-{subtask}.state";
        _abortLock.EnterReadLock();
        try
        {
            if (_aborted)
            {
                return false;
            }

            using (var stream = new FileStream(System.IO.Path.Combine(Path, name), FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }
        }
        finally
        {
            _abortLock.ExitReadLock();
        }

        _files[(uid, subtask)] = new StateFile(name, subtask, data.Length, CheckpointStorage.Checksum(data));
        return true;
    }

    /// <summary>Writes the metadata and makes the checkpoint visible as complete.</summary>
    public CompletedCheckpoint Complete(string jobName, bool isSavepoint, int maxParallelism, IReadOnlyDictionary<string, int> operatorParallelism, long timestampMs)
    {
        var operators = operatorParallelism
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => new OperatorStateFiles(
                o.Key,
                o.Value,
                _files.Where(f => f.Key.Uid == o.Key).OrderBy(f => f.Key.Subtask).Select(f => f.Value).ToArray()))
            .ToArray();
        var metadata = new CheckpointMetadata(CheckpointMetadata.CurrentFormatVersion, jobName, CheckpointId, timestampMs, isSavepoint, maxParallelism, operators);
        return _storage.Complete(this, metadata);
    }

    /// <summary>
    /// Gives up this checkpoint: later writes are refused and its files deleted. Best effort — a directory that
    /// cannot be deleted now is an in-progress leftover that the next attempt prunes.
    /// </summary>
    public void Abort()
    {
        _abortLock.EnterWriteLock();
        try
        {
            _aborted = true;
            if (System.IO.Directory.Exists(Path))
            {
                System.IO.Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        finally
        {
            _abortLock.ExitWriteLock();
        }
    }

    // Uids are user text: keep file names portable and unambiguous.
    private static string SafeName(string uid)
    {
        Span<char> buffer = stackalloc char[Math.Min(uid.Length, 64)];
        for (int i = 0; i < buffer.Length; i++)
        {
            char c = uid[i];
            buffer[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_';
        }

        return new string(buffer) + "-" + CheckpointStorage.Checksum(System.Text.Encoding.UTF8.GetBytes(uid))[..8];
    }
}

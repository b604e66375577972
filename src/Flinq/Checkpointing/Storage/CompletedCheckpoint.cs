using System.Text.Json;

namespace Flinq.Checkpointing.Storage;

/// <summary>
/// A complete, verified checkpoint or savepoint on disk: its metadata, and the state files it lists, each
/// checked against its recorded size and checksum when loaded.
/// </summary>
internal sealed class CompletedCheckpoint
{
    internal CompletedCheckpoint(string path, CheckpointMetadata metadata)
    {
        Path = path;
        Metadata = metadata;
    }

    public string Path { get; }

    public CheckpointMetadata Metadata { get; }

    public long CheckpointId => Metadata.CheckpointId;

    /// <summary>
    /// Loads and verifies a checkpoint or savepoint directory. Throws <see cref="DirectoryNotFoundException"/> for a
    /// missing path and <see cref="CheckpointCorruptException"/> when the metadata or any file does not verify.
    /// </summary>
    public static CompletedCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"No checkpoint or savepoint at '{full}': the directory does not exist.");
        }

        string metadataPath = System.IO.Path.Combine(full, CheckpointMetadata.FileName);
        if (!File.Exists(metadataPath))
        {
            throw new CheckpointCorruptException($"'{full}' has no {CheckpointMetadata.FileName} file: it is not a complete checkpoint or savepoint.");
        }

        CheckpointMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<CheckpointMetadata>(File.ReadAllBytes(metadataPath));
        }
        catch (JsonException e)
        {
            throw new CheckpointCorruptException($"The metadata of '{full}' cannot be read: {e.Message}", e);
        }

        if (metadata is null || metadata.Operators is null)
        {
            throw new CheckpointCorruptException($"The metadata of '{full}' is empty.");
        }

        if (metadata.FormatVersion > CheckpointMetadata.CurrentFormatVersion)
        {
            throw new CheckpointCorruptException($"'{full}' was written in format {metadata.FormatVersion}; this build reads up to {CheckpointMetadata.CurrentFormatVersion}.");
        }

        var checkpoint = new CompletedCheckpoint(full, metadata);
        foreach (var op in metadata.Operators)
        {
            foreach (var file in op.Files)
            {
                checkpoint.ReadVerified(file);
            }
        }

        return checkpoint;
    }

    /// <summary>The state bytes of one operator instance, or null when it wrote none.</summary>
    public byte[]? ReadState(string uid, int subtask)
    {
        var op = Metadata.Operators.FirstOrDefault(o => o.Uid == uid);
        var file = op?.Files.FirstOrDefault(f => f.Subtask == subtask);
        return file is null ? null : ReadVerified(file);
    }

    private byte[] ReadVerified(StateFile file)
    {
        string filePath = System.IO.Path.Combine(Path, file.Name);
        if (!File.Exists(filePath))
        {
            throw new CheckpointCorruptException($"State file '{file.Name}' is missing.");
        }

        byte[] data = File.ReadAllBytes(filePath);
        if (data.LongLength != file.Size)
        {
            throw new CheckpointCorruptException($"State file '{file.Name}' has {data.LongLength} bytes; the metadata says {file.Size} (truncated?).");
        }

        if (CheckpointStorage.Checksum(data) != file.Checksum)
        {
            throw new CheckpointCorruptException($"State file '{file.Name}' does not match its checksum (corrupted).");
        }

        return data;
    }
}

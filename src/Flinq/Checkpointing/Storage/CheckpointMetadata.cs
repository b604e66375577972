namespace Flinq.Checkpointing.Storage;

/// <summary>
/// The <c>_metadata</c> file of a checkpoint or savepoint: what it contains and how to verify it. Written
/// last; a checkpoint without a valid one does not count.
/// </summary>
internal sealed record CheckpointMetadata(
    int FormatVersion,
    string JobName,
    long CheckpointId,
    long TimestampMs,
    bool IsSavepoint,
    int MaxParallelism,
    IReadOnlyList<OperatorStateFiles> Operators)
{
    public const int CurrentFormatVersion = 1;
    public const string FileName = "_metadata";
}

/// <summary>The state files of one operator (by uid) and the parallelism it had when they were written.</summary>
internal sealed record OperatorStateFiles(string Uid, int Parallelism, IReadOnlyList<StateFile> Files);

/// <summary>One state file with its size and XxHash64 checksum.</summary>
internal sealed record StateFile(string Name, int Subtask, long Size, string Checksum);

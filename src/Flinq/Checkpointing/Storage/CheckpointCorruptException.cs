namespace Flinq.Checkpointing.Storage;

/// <summary>A checkpoint or savepoint exists but cannot be used: its metadata or a state file is missing, truncated or corrupted.</summary>
public sealed class CheckpointCorruptException : Exception
{
    public CheckpointCorruptException(string message)
        : base(message)
    {
    }

    public CheckpointCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

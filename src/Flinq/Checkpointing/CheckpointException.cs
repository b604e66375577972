namespace Flinq.Checkpointing;

/// <summary>Checkpoints failed more often in a row than the job tolerates.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Flinq.Serialization;

/// <summary>State bytes could not be read: truncated, corrupt, or written by an incompatible serializer.</summary>
public sealed class StateSerializationException : Exception
{
    public StateSerializationException(string message)
        : base(message)
    {
    }

    public StateSerializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

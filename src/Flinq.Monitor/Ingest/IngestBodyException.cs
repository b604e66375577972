namespace Flinq.Monitor.Ingest;

/// <summary>
/// A request body could not be read: unknown or corrupt content encoding, or larger than allowed after
/// decompression. <see cref="Error"/> carries the reason for the client; <see cref="IsTooLarge"/> lets an
/// HTTP endpoint answer 413 instead of 400.
/// </summary>
public sealed class IngestBodyException : Exception
{
    /// <summary>Creates the exception from an error.</summary>
    public IngestBodyException(IngestError error, bool isTooLarge = false, Exception? inner = null)
        : base(error.ToString(), inner)
    {
        Error = error;
        IsTooLarge = isTooLarge;
    }

    /// <summary>Creates the exception with a reason.</summary>
    public IngestBodyException()
        : this(new IngestError("the request body could not be read"))
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public IngestBodyException(string message)
        : this(new IngestError(message))
    {
    }

    /// <summary>Creates the exception with a reason and the cause.</summary>
    public IngestBodyException(string message, Exception innerException)
        : this(new IngestError(message), false, innerException)
    {
    }

    /// <summary>The reason, for the client.</summary>
    public IngestError Error { get; }

    /// <summary>Whether the body exceeded <see cref="IngestOptions.MaxDecodedBodyBytes"/>.</summary>
    public bool IsTooLarge { get; }
}

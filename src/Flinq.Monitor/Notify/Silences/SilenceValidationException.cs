namespace Flinq.Monitor.Notify.Silences;

/// <summary>
/// A silence was refused: no matchers, all matchers match the empty string, end not after start, end in the
/// past, or an update of an already expired silence. The message is the reason (an API answers 400 with it).
/// </summary>
public sealed class SilenceValidationException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public SilenceValidationException(string message)
        : base(message)
    {
    }
}

namespace Flinq.Monitor.Rules;

/// <summary>Rule files that do not load: thrown by <see cref="RuleStore.Open"/> with every error of every file.</summary>
public sealed class RuleFileException : Exception
{
    /// <summary>Creates the exception from the errors.</summary>
    public RuleFileException(IReadOnlyList<RuleFileError> errors)
        : base("rule files have errors:\n" + string.Join('\n', errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with one message (for serialisers and tools).</summary>
    public RuleFileException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RuleFileException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public RuleFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every error found, file by file.</summary>
    public IReadOnlyList<RuleFileError> Errors { get; }
}

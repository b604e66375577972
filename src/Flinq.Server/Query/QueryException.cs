namespace Flinq.Server.Query;

/// <summary>A query parameter is missing or invalid: the API answers 400 with the message.</summary>
public sealed class QueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueryException()
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public QueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and the cause.</summary>
    public QueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Flinq.Server.Alertmanager;

/// <summary>A request the Alertmanager API refuses with 400; the message is the answer's body (a JSON string).</summary>
internal sealed class BadRequestException : Exception
{
    public BadRequestException(string message)
        : base(message)
    {
    }

    public BadRequestException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BadRequestException()
    {
    }
}

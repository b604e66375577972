namespace Flinq.Monitor.Notify;

/// <summary>The outcome of one delivery attempt.</summary>
/// <param name="Success">Whether the peer accepted it.</param>
/// <param name="Retryable">For a failure: whether trying again may help (5xx, 429, timeouts, refused connections; not 4xx or a bad configuration).</param>
/// <param name="Error">For a failure: what went wrong, for logs and the API (e.g. "HTTP 500 from https://host/hook: body...").</param>
public readonly record struct NotifyResult(bool Success, bool Retryable, string? Error)
{
    /// <summary>A successful delivery.</summary>
    public static NotifyResult Ok { get; } = new(true, false, null);

    /// <summary>A failure that may succeed when retried.</summary>
    public static NotifyResult RetryableFailure(string error) => new(false, true, error);

    /// <summary>A failure that will not succeed when retried.</summary>
    public static NotifyResult PermanentFailure(string error) => new(false, false, error);
}

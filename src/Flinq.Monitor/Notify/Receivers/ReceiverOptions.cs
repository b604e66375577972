namespace Flinq.Monitor.Notify.Receivers;

/// <summary>How the notifiers built by <see cref="ReceiverIntegrations"/> run: clock, timeouts, limits.</summary>
/// <remarks>Immutable once handed to a parser; the notifiers keep a reference.</remarks>
public sealed record ReceiverOptions
{
    /// <summary>The shared defaults: system clock, 10 s per attempt.</summary>
    public static ReceiverOptions Default { get; } = new();

    /// <summary>The clock for signature timestamps (DingTalk, Feishu) and the <c>Date</c> of e-mails.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long one delivery attempt may take (connect, send, read the response) before it fails as retryable.
    /// Default 10 s.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many characters of a peer's response body an error message quotes. Default 512.</summary>
    public int MaxErrorBodyChars { get; init; } = 512;
}

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>What an HTTP POST returned: a status and body, or a transport failure.</summary>
internal readonly record struct HttpReply(int StatusCode, string Body, NotifyResult? Failure);

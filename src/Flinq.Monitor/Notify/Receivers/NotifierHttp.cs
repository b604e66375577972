using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// The one HTTP client all HTTP notifiers share (a pooled <see cref="SocketsHttpHandler"/>, no redirects), and the
/// classification of what happened into <see cref="NotifyResult"/>: connection failures, timeouts, 5xx and 429
/// are retryable; other non-2xx answers are permanent.
/// </summary>
internal static class NotifierHttp
{
    private const int MaxResponseBytes = 64 * 1024;

    private static readonly HttpClient s_client = new(
        new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseProxy = false,
        },
        disposeHandler: false)
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// POSTs <paramref name="body"/>; the reply's body is read (up to 64 KiB) whatever the status. A transport
    /// failure or a timeout comes back as <see cref="HttpReply.Failure"/>; only the caller's cancellation throws.
    /// </summary>
    public static async Task<HttpReply> PostAsync(
        Uri uri, byte[] body, string contentType, AuthenticationHeaderValue? authorization, ReceiverOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = authorization;
        request.Headers.UserAgent.ParseAdd("Flinq-Alerting/1.0");
        try
        {
            using var response = await s_client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            string text = await ReadLimitedAsync(response, timeout.Token).ConfigureAwait(false);
            return new HttpReply((int)response.StatusCode, text, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(NotifyResult.RetryableFailure($"timed out after {options.Timeout.TotalSeconds:0.###} s posting to {Describe(uri)}"));
        }
        catch (HttpRequestException e)
        {
            string reason = e.InnerException is SocketException socket
                ? socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.TimedOut => "connect timed out",
                    _ => socket.Message,
                }
                : e.Message;
            return Failed(NotifyResult.RetryableFailure($"{reason} posting to {Describe(uri)}"));
        }
        catch (IOException e)
        {
            return Failed(NotifyResult.RetryableFailure($"{e.Message} posting to {Describe(uri)}"));
        }
    }

    /// <summary>2xx → null (the caller checks the body); 429 and 5xx → retryable; anything else → permanent.</summary>
    public static NotifyResult? ClassifyStatus(HttpReply reply, Uri uri, ReceiverOptions options)
    {
        if (reply.Failure is { } failure)
        {
            return failure;
        }

        if (reply.StatusCode is >= 200 and < 300)
        {
            return null;
        }

        string error = $"HTTP {reply.StatusCode} from {Describe(uri)}: {Truncate(reply.Body, options)}";
        return reply.StatusCode is 429 or >= 500 ? NotifyResult.RetryableFailure(error) : NotifyResult.PermanentFailure(error);
    }

    /// <summary>
    /// The URL for messages: scheme, host and port only, because paths and queries of webhook URLs carry the
    /// secrets (Slack's hook path, DingTalk's access_token, WeCom's key).
    /// </summary>
    public static string Describe(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    public static string Truncate(string text, ReceiverOptions options)
    {
        text = text.Trim();
        return text.Length <= options.MaxErrorBodyChars ? text : string.Concat(text.AsSpan(0, options.MaxErrorBodyChars), "…");
    }

    private static HttpReply Failed(NotifyResult failure) => new(0, string.Empty, failure);

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[] buffer = new byte[MaxResponseBytes];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }
}


using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// Sends one e-mail per notification over SMTP with MailKit, connecting afresh each time (as Alertmanager does).
/// TLS as Alertmanager: port 465 is implicit TLS; otherwise <c>require_tls</c> demands STARTTLS and fails when the
/// server does not offer it; with <c>require_tls: false</c> the session stays plain. It authenticates when
/// <c>auth_username</c> is set and the server offers AUTH. Failures: refused connections, timeouts, dropped
/// sessions and 4xx replies are retryable; 5xx replies, failed authentication, missing STARTTLS and TLS
/// handshake errors are permanent.
/// </summary>
internal sealed class EmailNotifier : INotifier
{
    private const int MaxTextBytes = 256 * 1024;
    private readonly EmailConfig _config;
    private readonly ReceiverOptions _options;

    public EmailNotifier(EmailConfig config, ReceiverOptions options)
    {
        _config = config;
        _options = options;
    }

    public string Integration => "email";

    public bool SendResolved => _config.SendResolved;

    public async Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        var view = AlertGroupView.Create(notification, _config.SendResolved, 0);
        if (view is null)
        {
            return NotifyResult.Ok;
        }

        using var message = Message(view);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        string where = $"smtp://{_config.Host}:{_config.Port}";
        using var client = new SmtpClient
        {
            LocalDomain = _config.Hello,
            Timeout = (int)_options.Timeout.TotalMilliseconds,
            CheckCertificateRevocation = false,
        };
        if (_config.InsecureSkipVerify)
        {
            // The user asked for it (tls_config.insecure_skip_verify), as in Alertmanager: e.g. a local relay with a
            // self-signed certificate.
#pragma warning disable CA5359
            client.ServerCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        try
        {
            var security = _config.Port == 465 ? SecureSocketOptions.SslOnConnect
                : _config.RequireTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
            await client.ConnectAsync(_config.Host, _config.Port, security, timeout.Token).ConfigureAwait(false);
            if (_config.AuthUsername is { Length: > 0 } user && client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            {
                await client.AuthenticateAsync(user, _config.AuthPassword ?? string.Empty, timeout.Token).ConfigureAwait(false);
            }

            await client.SendAsync(message, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(true, timeout.Token).ConfigureAwait(false);
            return NotifyResult.Ok;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NotifyResult.RetryableFailure($"timed out after {_options.Timeout.TotalSeconds:0.###} s sending to {where}");
        }
        catch (TimeoutException)
        {
            return NotifyResult.RetryableFailure($"timed out after {_options.Timeout.TotalSeconds:0.###} s sending to {where}");
        }
        catch (SocketException e)
        {
            string reason = e.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : e.Message;
            return NotifyResult.RetryableFailure($"{reason} connecting to {where}");
        }
        catch (SmtpCommandException e)
        {
            int code = (int)e.StatusCode;
            string error = $"SMTP {code} from {where} ({e.ErrorCode}): {e.Message}";
            return code is >= 400 and < 500 ? NotifyResult.RetryableFailure(error) : NotifyResult.PermanentFailure(error);
        }
        catch (AuthenticationException e)
        {
            return NotifyResult.PermanentFailure($"authentication as {_config.AuthUsername} failed at {where}: {e.Message}");
        }
        catch (SslHandshakeException e)
        {
            return NotifyResult.PermanentFailure($"TLS handshake with {where} failed (tls_config.insecure_skip_verify for a self-signed certificate): {e.Message}");
        }
        catch (NotSupportedException e)
        {
            return NotifyResult.PermanentFailure($"{where} does not offer STARTTLS and require_tls is true (set require_tls: false for a local server): {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or ServiceNotConnectedException)
        {
            return NotifyResult.RetryableFailure($"SMTP session with {where} failed: {e.Message}");
        }
    }

    private MimeMessage Message(AlertGroupView view)
    {
        var message = new MimeMessage();
        message.From.Add(_config.From);
        message.To.AddRange(_config.To);
        message.Subject = MessageText.Title(view);
        message.Date = _options.TimeProvider.GetUtcNow();
        message.Headers.Add("X-Flinq-Group-Key", view.Notification.GroupKey);
        foreach (var (name, value) in _config.Headers)
        {
            // Subject, To and From override the defaults, as in Alertmanager; other headers are added.
            if (name.Equals("Subject", StringComparison.OrdinalIgnoreCase))
            {
                message.Subject = value;
            }
            else if (name.Equals("To", StringComparison.OrdinalIgnoreCase))
            {
                message.To.Clear();
                message.To.AddRange(InternetAddressList.Parse(value));
            }
            else if (name.Equals("From", StringComparison.OrdinalIgnoreCase))
            {
                message.From.Clear();
                message.From.Add(MailboxAddress.Parse(value));
            }
            else
            {
                message.Headers.Add(name, value);
            }
        }

        var body = new BodyBuilder
        {
            TextBody = _config.Text ?? MessageText.Body(view, TextFormat.Plain, MaxTextBytes),
            HtmlBody = _config.Html ?? EmailBody.Html(view),
        };
        message.Body = body.ToMessageBody();
        return message;
    }
}

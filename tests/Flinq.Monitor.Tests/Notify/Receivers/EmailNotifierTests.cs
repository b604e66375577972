using Flinq.Monitor.Notify;
using static Flinq.Monitor.Tests.Notify.Receivers.TestNotifications;

namespace Flinq.Monitor.Tests.Notify.Receivers;

/// <summary>The e-mail notifier against a real SMTP server (aiosmtpd, see <see cref="SmtpServer"/>).</summary>
public sealed class EmailNotifierTests
{
    [Fact]
    public async Task NotifyAsync_PlainLocalServer_DeliversEscapedHtmlAndText()
    {
        using var smtp = SmtpServer.Start();
        var notifier = Parse("email_configs", $"""
            to: "ops@example.com, Dev Team <dev@example.com>"
            from: flinq@example.com
            smarthost: {smtp.Smarthost}
            require_tls: false
            hello: flinq.local
            headers:
              X-Team: storage
            """);
        var alert = Firing("XssProbe", "<script>alert(1)</script>", "a & b <i>not italic</i>");

        var result = await notifier.NotifyAsync(Of(alert), CancellationToken.None);

        result.Should().Be(NotifyResult.Ok);
        var mail = smtp.Messages().Should().ContainSingle().Which;
        mail.From.Should().Be("flinq@example.com");
        mail.To.Should().Equal("ops@example.com", "dev@example.com");
        mail.Tls.Should().BeFalse();
        mail.Helo.Should().Be("flinq.local");
        mail.Message.Subject.Should().Be("[FIRING:1] XssProbe (<script>alert(1)</script> critical)");
        mail.Message.Headers["X-Team"].Should().Be("storage");
        string html = mail.Message.HtmlBody ?? throw new InvalidOperationException("no HTML part");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("a &amp; b &lt;i&gt;not italic&lt;/i&gt;");
        html.Should().NotContain("<script>").And.NotContain("<i>");
        mail.Message.TextBody.Should().Contain("[FIRING] XssProbe instance=<script>alert(1)</script> severity=critical");
    }

    [Fact]
    public async Task NotifyAsync_StartTlsAndAuth_DeliversOverTlsAsUser()
    {
        using var smtp = SmtpServer.Start(tls: true, user: "alice", password: "pw");
        var notifier = Parse("email_configs", $"""
            to: ops@example.com
            smarthost: {smtp.Smarthost}
            auth_username: alice
            auth_password: pw
            tls_config:
              insecure_skip_verify: true
            """, globals: new Flinq.Monitor.Notify.Receivers.ReceiverGlobals { SmtpFrom = "am@example.com" });

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Should().Be(NotifyResult.Ok);
        var mail = smtp.Messages().Should().ContainSingle().Which;
        mail.Tls.Should().BeTrue("require_tls defaults to true: STARTTLS");
        mail.User.Should().Be("alice");
        mail.From.Should().Be("am@example.com");
    }

    [Fact]
    public async Task NotifyAsync_WrongPassword_PermanentFailure()
    {
        using var smtp = SmtpServer.Start(tls: true, user: "alice", password: "pw");
        var notifier = Parse("email_configs", $"to: ops@example.com\nfrom: a@example.com\nsmarthost: {smtp.Smarthost}\nauth_username: alice\nauth_password: nope\ntls_config:\n  insecure_skip_verify: true");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Retryable.Should().BeFalse();
        result.Error.Should().StartWith("authentication as alice failed");
        smtp.Messages().Should().BeEmpty();
    }

    [Fact]
    public async Task NotifyAsync_SelfSignedWithoutSkipVerify_PermanentTlsFailure()
    {
        using var smtp = SmtpServer.Start(tls: true);
        var notifier = Parse("email_configs", $"to: ops@example.com\nfrom: a@example.com\nsmarthost: {smtp.Smarthost}");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Retryable.Should().BeFalse();
        result.Error.Should().StartWith("TLS handshake with");
    }

    [Fact]
    public async Task NotifyAsync_RequireTlsButNoStartTls_PermanentFailure()
    {
        using var smtp = SmtpServer.Start();
        var notifier = Parse("email_configs", $"to: ops@example.com\nfrom: a@example.com\nsmarthost: {smtp.Smarthost}");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Retryable.Should().BeFalse();
        result.Error.Should().Contain("does not offer STARTTLS");
    }

    [Theory]
    [InlineData("gone@example.com", false, "SMTP 550")]
    [InlineData("later@example.com", true, "SMTP 451")]
    public async Task NotifyAsync_RecipientRefused_ClassifiedBySmtpCode(string to, bool retryable, string prefix)
    {
        using var smtp = SmtpServer.Start(reject: ["gone@example.com"], tempfail: ["later@example.com"]);
        var notifier = Parse("email_configs", $"to: {to}\nfrom: a@example.com\nsmarthost: {smtp.Smarthost}\nrequire_tls: false");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Success.Should().BeFalse();
        result.Retryable.Should().Be(retryable);
        result.Error.Should().StartWith(prefix);
    }

    [Fact]
    public async Task NotifyAsync_NothingListening_Retryable()
    {
        int port = SmtpServer.FreePort();
        var notifier = Parse("email_configs", $"to: ops@example.com\nfrom: a@example.com\nsmarthost: 127.0.0.1:{port}\nrequire_tls: false");

        var result = await notifier.NotifyAsync(Of(Firing("HighCPU", "a")), CancellationToken.None);

        result.Should().Be(NotifyResult.RetryableFailure($"connection refused connecting to smtp://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task NotifyAsync_OnlyResolvedAndDefaultSendResolved_SendsNothing()
    {
        using var smtp = SmtpServer.Start();
        var notifier = Parse("email_configs", $"to: ops@example.com\nfrom: a@example.com\nsmarthost: {smtp.Smarthost}\nrequire_tls: false");

        var result = await notifier.NotifyAsync(Of(Resolved("HighCPU", "a")), CancellationToken.None);

        result.Should().Be(NotifyResult.Ok);
        notifier.SendResolved.Should().BeFalse("Alertmanager's default for e-mail");
        smtp.Messages().Should().BeEmpty();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MimeKit;

namespace Flinq.Monitor.Tests.Notify.Receivers;

/// <summary>One message the SMTP server accepted.</summary>
internal sealed record ReceivedMail(MimeMessage Message, string From, IReadOnlyList<string> To, bool Tls, string? User, string Helo);

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (package python3-aiosmtpd) run by <c>smtp_server.py</c> on 127.0.0.1,
/// optionally with STARTTLS (a self-signed certificate made here) and AUTH. Fails loudly when it cannot start.
/// </summary>
internal sealed class SmtpServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly string _directory;

    private SmtpServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Smarthost => $"127.0.0.1:{Port}";

    public static SmtpServer Start(bool tls = false, string? user = null, string? password = null, string[]? reject = null, string[]? tempfail = null)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: install Debian's python3 and python3-aiosmtpd (test.sh does)");
        }

        string directory = Directory.CreateTempSubdirectory("flinq-smtp-").FullName;
        string maildir = Path.Combine(directory, "mail");
        Directory.CreateDirectory(maildir);
        int port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Notify", "Receivers", "smtp_server.py"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--maildir");
        start.ArgumentList.Add(maildir);
        if (tls)
        {
            var (cert, key) = WriteSelfSignedCertificate(directory);
            start.ArgumentList.Add("--cert");
            start.ArgumentList.Add(cert);
            start.ArgumentList.Add("--key");
            start.ArgumentList.Add(key);
        }

        if (user is not null)
        {
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(password ?? string.Empty);
        }

        foreach (string r in reject ?? [])
        {
            start.ArgumentList.Add("--reject");
            start.ArgumentList.Add(r);
        }

        foreach (string r in tempfail ?? [])
        {
            start.ArgumentList.Add("--tempfail");
            start.ArgumentList.Add(r);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + Python);
        var server = new SmtpServer(process, directory, port);
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(60)) || ready.Result != "READY")
        {
            string stderr = process.HasExited ? process.StandardError.ReadToEnd() : "(still running, not ready after 60 s)";
            server.Dispose();
            throw new InvalidOperationException(
                "the aiosmtpd SMTP server did not start; is Debian's python3-aiosmtpd installed (apt-get install python3-aiosmtpd)? " + stderr);
        }

        return server;
    }

    /// <summary>The messages accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedMail> Messages()
    {
        var result = new List<ReceivedMail>();
        foreach (string eml in Directory.GetFiles(Path.Combine(_directory, "mail"), "*.eml").Order(StringComparer.Ordinal))
        {
            using var meta = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(eml, ".json")));
            var root = meta.RootElement;
            result.Add(new ReceivedMail(
                MimeMessage.Load(eml),
                root.GetProperty("from").GetString()!,
                root.GetProperty("to").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                root.GetProperty("tls").GetBoolean(),
                root.GetProperty("user").GetString(),
                root.GetProperty("helo").GetString()!));
        }

        return result;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static (string Cert, string Key) WriteSelfSignedCertificate(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string certPath = Path.Combine(directory, "cert.pem");
        string keyPath = Path.Combine(directory, "key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}

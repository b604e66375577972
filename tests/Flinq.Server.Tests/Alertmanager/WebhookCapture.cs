using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Flinq.Server.Tests.Alertmanager;

/// <summary>A real HTTP listener on a free loopback port that records the JSON bodies POSTed to it (webhook payloads).</summary>
internal sealed class WebhookCapture : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookCapture()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hook/";
        }

        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    /// <summary>The status the next requests get (200 by default).</summary>
    public int StatusCode { get; set; } = 200;

    public ConcurrentQueue<JsonNode> Payloads { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(ctx.Request.InputStream);
            string body = await reader.ReadToEndAsync();
            if (StatusCode == 200)
            {
                Payloads.Enqueue(JsonNode.Parse(body)!);
            }

            ctx.Response.StatusCode = StatusCode;
            ctx.Response.Close();
        }
    }
}

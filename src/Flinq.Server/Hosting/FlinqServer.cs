using System.Net;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Jobs;
using Flinq.Monitor.Rules;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Flinq.Server.Ingest;
using Flinq.Server.Query;
using Flinq.Server.Rules;
using Flinq.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flinq.Server;

/// <summary>
/// A running Flinq server: the HTTP endpoints (health, metrics, ingest, query) and, inside the same process,
/// the storage job on the Flinq engine (an <see cref="IngestSource{T}"/> feeding a DuckDB sink).
/// </summary>
public sealed class FlinqServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IngestSource<TelemetryBatch> _source;
    private readonly JobClient _job;
    private readonly TelemetryStore _store;
    private readonly CancellationTokenSource _jobCancellation;
    private int _stopped;

    private FlinqServer(WebApplication app, IngestSource<TelemetryBatch> source, JobClient job, TelemetryStore store, CancellationTokenSource jobCancellation, Uri address, RuleStore rules)
    {
        Rules = rules;
        _app = app;
        _source = source;
        _job = job;
        _store = store;
        _jobCancellation = jobCancellation;
        Address = address;
    }

    /// <summary>The base address the server listens on, e.g. <c>http://127.0.0.1:7700/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The rule set (files and API rules); subscribe to feed its changes to rule jobs.</summary>
    public RuleStore Rules { get; }

    /// <summary>Completes when the storage job ends (on <see cref="StopAsync"/> or on a failure).</summary>
    public Task StorageJob => _job.Completion;

    /// <summary>Opens the database, starts the storage job and the HTTP listener.</summary>
    /// <exception cref="FormatException">The listen address does not parse.</exception>
    public static async Task<FlinqServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = ParseListen(options.Listen);
        var rules = RuleStore.Open(new RuleStoreOptions { DataDirectory = options.DataDirectory, RuleFiles = [.. options.RuleFiles] });
        var store = new TelemetryStore(options.DataDirectory, options.Retention, options.TimeProvider);
        var source = new IngestSource<TelemetryBatch>(options.QueueCapacity);
        var metrics = new ServerMetrics(() => source.QueuedWeight, source.Capacity);

        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromSource(source, "Ingest Queue").SinkTo(new TelemetryStoreSink(store, metrics), "DuckDB Telemetry Store");
        var jobCancellation = new CancellationTokenSource();
        var job = env.Start("flinq-storage", jobCancellation.Token);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var ingestOptions = new IngestOptions { MaxDecodedBodyBytes = options.MaxBodyBytes, TimeProvider = options.TimeProvider };

        app.MapGet("/-/healthy", () => Results.Text("Flinq is Healthy.\n"));
        app.MapGet("/-/ready", () => job.Completion.IsCompleted
            ? Results.Text("Flinq is not ready: the storage job has ended" + (job.Completion.Exception is { } e ? ": " + e.GetBaseException().Message : string.Empty) + "\n", statusCode: 503)
            : Results.Text("Flinq is Ready.\n"));
        app.MapGet("/metrics", (HttpContext ctx) =>
        {
            if (!BearerAuth.IsAuthorized(ctx, options.ReadToken))
            {
                BearerAuth.Challenge(ctx);
                return Results.Text("this server requires a read token: send Authorization: Bearer <token>\n", statusCode: 401);
            }

            return Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
        });
        new IngestEndpoints(source, options, ingestOptions, metrics).Map(app);
        new QueryEndpoints(store, options, metrics).Map(app);
        new RuleEndpoints(rules, options, metrics).Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            source.Complete();
            await jobCancellation.CancelAsync().ConfigureAwait(false);
            store.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FlinqServer(app, source, job, store, jobCancellation, new Uri(address.EndsWith('/') ? address : address + "/"), rules);
    }

    /// <summary>
    /// Stops taking requests (in-flight ones finish), lets the storage job commit what is queued and end,
    /// and closes the database.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        _source.Complete();
        try
        {
            await _job.Completion.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _jobCancellation.CancelAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
        _jobCancellation.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static IPEndPoint ParseListen(string listen)
    {
        if (IPEndPoint.TryParse(listen, out var endpoint) && listen.Contains(':', StringComparison.Ordinal))
        {
            return endpoint;
        }

        if (listen.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) && int.TryParse(listen.AsSpan(10), out int port))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        throw new FormatException($"listen address \"{listen}\" is not host:port with an IP address, e.g. 127.0.0.1:7700 or 0.0.0.0:7700");
    }
}

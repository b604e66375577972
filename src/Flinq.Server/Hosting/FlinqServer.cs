using System.Net;
using Flinq.Checkpointing;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Jobs;
using Flinq.Monitor.Rules;
using Flinq.Server.Alerting;
using Flinq.Server.Configuration;
using Flinq.Server.Diagnostics;
using Flinq.Server.Ingest;
using Flinq.Server.Query;
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
    private readonly IngestSource<RuleChange> _rules;
    private readonly string _dataDirectory;
    private readonly JobClient _job;
    private readonly TelemetryStore _store;
    private readonly CancellationTokenSource _jobCancellation;
    private int _stopped;

    private FlinqServer(WebApplication app, IngestSource<TelemetryBatch> source, IngestSource<RuleChange> rules, AlertStateView alerts, string dataDirectory, JobClient job, TelemetryStore store, CancellationTokenSource jobCancellation, Uri address)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        _source = source;
        _rules = rules;
        Alerts = alerts;
        _job = job;
        _store = store;
        _jobCancellation = jobCancellation;
        Address = address;
    }

    /// <summary>The base address the server listens on, e.g. <c>http://127.0.0.1:7700/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// Where rule changes enter the engine job (the hook for the rule store: write every rule at start, then each
    /// change, with increasing versions). Rules also come back from the newest checkpoint.
    /// </summary>
    internal IngestSource<RuleChange> AlertRules => _rules;

    /// <summary>The current pending and firing rule alerts.</summary>
    internal AlertStateView Alerts { get; }

    /// <summary>The engine job (storage and alerting), for its checkpoints.</summary>
    internal JobClient Job => _job;

    /// <summary>Completes when the storage job ends (on <see cref="StopAsync"/> or on a failure).</summary>
    public Task StorageJob => _job.Completion;

    /// <summary>Opens the database, starts the storage job and the HTTP listener.</summary>
    /// <exception cref="FormatException">The listen address does not parse.</exception>
    public static async Task<FlinqServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = ParseListen(options.Listen);
        var store = new TelemetryStore(options.DataDirectory, options.Retention, options.TimeProvider);
        var source = new IngestSource<TelemetryBatch>(options.QueueCapacity);
        var metrics = new ServerMetrics(() => source.QueuedWeight, source.Capacity);

        var jobOptions = new StreamExecutionOptions { Parallelism = 1 };
        jobOptions.Checkpointing.Interval = options.CheckpointInterval;
        JobRestorePoint.Configure(jobOptions.Checkpointing, options.DataDirectory);
        var env = StreamExecutionEnvironment.Create(jobOptions);
        var batches = env.FromSource(source, "Ingest Queue").Uid("ingest-queue");
        batches.SinkTo(new TelemetryStoreSink(store, metrics), "DuckDB Telemetry Store").Uid("telemetry-store");
        var rules = new IngestSource<RuleChange>(100_000);
        var history = new AlertHistoryStore(store);
        var alertView = new AlertStateView();
        foreach (var change in history.LoadActive())
        {
            alertView.Apply(change);
        }

        AlertingPipeline.Build(batches, env.FromSource(rules, "Alert Rules").Uid("alert-rules"), history, alertView, options.TimeProvider);
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
        new AlertEndpoints(alertView, history, options, metrics).Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            source.Complete();
            rules.Complete();
            await jobCancellation.CancelAsync().ConfigureAwait(false);
            store.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FlinqServer(app, source, rules, alertView, options.DataDirectory, job, store, jobCancellation, new Uri(address.EndsWith('/') ? address : address + "/"));
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
        if (!await StopWithSavepointAsync().ConfigureAwait(false))
        {
            _source.Complete();
            _rules.Complete();
            try
            {
                await _job.Completion.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await _jobCancellation.CancelAsync().ConfigureAwait(false);
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
        _jobCancellation.Dispose();
    }

    /// <summary>
    /// Lets the storage sink drain the ingest queue, then stops the job with a savepoint (see <see cref="JobRestorePoint"/>).
    /// False when the job is not running or the savepoint fails: the caller then ends the input instead.
    /// </summary>
    private async Task<bool> StopWithSavepointAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_source.QueuedWeight > 0 && !_job.Completion.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        if (_job.Completion.IsCompleted)
        {
            return false;
        }

        try
        {
            string directory = JobRestorePoint.SavepointDirectory(_dataDirectory);
            Directory.CreateDirectory(directory);
            string savepoint = await _job.StopWithSavepointAsync(directory).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await _job.Completion.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            JobRestorePoint.Record(_dataDirectory, savepoint);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or CheckpointException or IOException or JobExecutionException)
        {
            return false;
        }
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

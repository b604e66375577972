using System.Net;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Jobs;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Silences;
using Flinq.Server.Alertmanager;
using Flinq.Monitor.Rules;
using Flinq.Server.Configuration;
using Flinq.Server.Dashboard;
using Flinq.Server.Diagnostics;
using Flinq.Server.Ingest;
using Flinq.Server.Live;
using Flinq.Server.Jobs;
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
    // The storage job's own log lines (Kafka bad records) go to the console like the web host's.
    private static readonly ILoggerFactory s_logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));

    private readonly WebApplication _app;
    private readonly IngestSource<TelemetryBatch> _source;
    private readonly JobClient _job;
    private readonly TelemetryStore _store;
    private readonly CancellationTokenSource _jobCancellation;
    private readonly Task _liveFeed;
    private readonly JobRegistry _jobs;
    private int _stopped;
    private string? _kafkaStopDirectory;

    private FlinqServer(WebApplication app, IngestSource<TelemetryBatch> source, JobClient job, TelemetryStore store, CancellationTokenSource jobCancellation, Task liveFeed, JobRegistry jobs, Uri address, NotificationPipeline notifications, RuleStore rules)
    {
        _liveFeed = liveFeed;
        Notifications = notifications;
        Rules = rules;
        _app = app;
        _jobs = jobs;
        _source = source;
        _job = job;
        _store = store;
        _jobCancellation = jobCancellation;
        Address = address;
    }

    /// <summary>The base address the server listens on, e.g. <c>http://127.0.0.1:7700/</c>.</summary>
    public Uri Address { get; }

    /// <summary>
    /// The notification pipeline (Alertmanager's model): rule jobs hand their alerts to
    /// <see cref="NotificationPipeline.Post"/> (thread-safe), as <c>POST /api/v2/alerts</c> does.
    /// </summary>
    public NotificationPipeline Notifications { get; }

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
        var notifications = CreateNotifications(options);
        var rules = RuleStore.Open(new RuleStoreOptions { DataDirectory = options.DataDirectory, RuleFiles = [.. options.RuleFiles] });
        var store = new TelemetryStore(options.DataDirectory, options.Retention, options.TimeProvider);
        var source = new IngestSource<TelemetryBatch>(options.QueueCapacity);
        var metrics = new ServerMetrics(() => source.QueuedWeight, source.Capacity);
        var live = new LiveAggregate(options.TimeProvider);
        var liveFeed = new LiveFeed(metrics, live, options.TimeProvider);

        var ingestOptions = new IngestOptions { MaxDecodedBodyBytes = options.MaxBodyBytes, TimeProvider = options.TimeProvider };
        var jobOptions = new StreamExecutionOptions { Parallelism = 1 };
        if (options.Kafka is { } kafka)
        {
            KafkaIngest.ConfigureCheckpoints(jobOptions, kafka, options.DataDirectory);
        }

        var env = StreamExecutionEnvironment.Create(jobOptions);
        var ingested = env.FromSource(source, "Ingest Queue");
        if (options.Kafka is { } kafkaIngest)
        {
            ingested = ingested.Union(KafkaIngest.AddTo(env, kafkaIngest, store.ReadKafkaOffsets(), ingestOptions, metrics, s_logs.CreateLogger("Flinq.Server.Kafka")));
        }

        ingested.SinkTo(new TelemetryStoreSink(store, metrics, live), "DuckDB Telemetry Store");
        var jobCancellation = new CancellationTokenSource();
        var job = env.Start("flinq-storage", jobCancellation.Token);
        var jobs = new JobRegistry(options.TimeProvider, TimeSpan.FromSeconds(1));
        jobs.Register(job);

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

            var text = new System.Text.StringBuilder(metrics.Render());
            JobMetricsExposition.Render(text, jobs.List());
            return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
        });
        new IngestEndpoints(source, options, ingestOptions, metrics).Map(app);
        new QueryEndpoints(store, options, metrics).Map(app);
        new LiveEndpoints(liveFeed, options, metrics).Map(app);
        new DashboardEndpoints(DashboardAssets.Load()).Map(app);
        new AlertmanagerEndpoints(notifications, options, metrics).Map(app);
        new JobEndpoints(jobs, options, metrics).Map(app);
        new RuleEndpoints(rules, options, metrics).Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            source.Complete();
            jobs.Dispose();
            await jobCancellation.CancelAsync().ConfigureAwait(false);
            store.Dispose();
            await notifications.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var liveLoop = liveFeed.RunAsync(app.Lifetime.ApplicationStopping);
        return new FlinqServer(app, source, job, store, jobCancellation, liveLoop, jobs, new Uri(address.EndsWith('/') ? address : address + "/"), notifications, rules)
        {
            _kafkaStopDirectory = options.Kafka is null ? null : Path.Combine(jobOptions.Checkpointing.Directory, "stop"),
        };
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
        if (_kafkaStopDirectory is not null)
        {
            // Every HTTP write has been answered (so committed or refused). The Kafka source never ends by itself:
            // stop with a savepoint, whose barrier makes the sink store the buffered Kafka records and the source
            // commit their offsets. Without it nothing is lost either: the offsets stored with the data say where
            // to resume.
            try
            {
                await _job.StopWithSavepointAsync(_kafkaStopDirectory).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // stopping goes on whatever the savepoint did
            catch (Exception)
#pragma warning restore CA1031
            {
                await _jobCancellation.CancelAsync().ConfigureAwait(false);
            }
        }

        _source.Complete();
        try
        {
            await _job.Completion.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _jobCancellation.CancelAsync().ConfigureAwait(false);
        }

        await _liveFeed.ConfigureAwait(false); // ended by the application's stopping token

        await _app.DisposeAsync().ConfigureAwait(false);
        await Notifications.DisposeAsync().ConfigureAwait(false);
        _jobs.Dispose();
        _store.Dispose();
        _jobCancellation.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static NotificationPipeline CreateNotifications(ServerOptions options)
    {
        const string NoConfig = "route:\n  receiver: default\nreceivers:\n  - name: default\n";
        string yaml = NoConfig;
        if (options.AlertmanagerConfig is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                throw new FormatException($"alertmanager_config: file \"{path}\" does not exist");
            }

            yaml = File.ReadAllText(path);
        }

        try
        {
            var pipelineOptions = new NotificationPipelineOptions
            {
                ConfigYaml = yaml,
                DataDirectory = Path.Combine(options.DataDirectory, "alertmanager"),
                // Silences are durable next to the notification log unless the caller brings a store.
                Silences = options.Silences ?? SilenceStore.Open(new SilenceStoreOptions
                {
                    Directory = Path.Combine(options.DataDirectory, "alertmanager"),
                    TimeProvider = options.TimeProvider,
                }),
                ExternalUrl = "http://" + options.Listen,
                TimeProvider = options.TimeProvider,
                IntegrationParsers = options.IntegrationParsers ?? NotificationPipelineOptions.DefaultIntegrationParsers,
            };
            return NotificationPipeline.Create(pipelineOptions);
        }
        catch (Flinq.Monitor.Notify.Configuration.NotifyConfigException e)
        {
            throw new FormatException($"{options.AlertmanagerConfig}: {e.Message}", e);
        }
    }

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

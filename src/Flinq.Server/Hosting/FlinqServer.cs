using System.Net;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Jobs;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Silences;
using Flinq.Server.Alertmanager;
using Flinq.Monitor.Rules;
using Flinq.Server.Alerting;
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
/// A running Flinq server: the HTTP endpoints (health, metrics, ingest, query, rules, alerts, Alertmanager API,
/// jobs, dashboard) and, inside the same process, one engine job: the ingest queue (and Kafka, when configured)
/// feeding the DuckDB sink and the rule evaluators, whose alerts go through the lifecycle to the notification
/// pipeline. The job checkpoints under <c>DATA/checkpoints</c> and resumes from the newest checkpoint or the
/// savepoint taken at the last clean stop.
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
    private readonly IngestSource<RuleChange> _ruleChanges;
    private readonly IDisposable _ruleSubscription;
    private readonly string _dataDirectory;
    private readonly ConfigReload _reload;
    private int _stopped;

    private FlinqServer(WebApplication app, IngestSource<TelemetryBatch> source, JobClient job, TelemetryStore store, CancellationTokenSource jobCancellation, Task liveFeed, JobRegistry jobs, Uri address, NotificationPipeline notifications, RuleStore rules, Wiring wiring)
    {
        _ruleChanges = wiring.RuleChanges;
        _ruleSubscription = wiring.RuleSubscription;
        _dataDirectory = wiring.DataDirectory;
        _reload = wiring.Reload;
        Alerts = wiring.Alerts;
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

    /// <summary>The current pending and firing rule alerts.</summary>
    internal AlertStateView Alerts { get; }

    /// <summary>The engine job (storage and alerting), for its checkpoints.</summary>
    internal JobClient Job => _job;

    /// <summary>
    /// Re-reads the Alertmanager configuration file and the rule files (what <c>POST /-/reload</c> and SIGHUP do); a file
    /// with an error keeps the running configuration of its kind.
    /// </summary>
    public ReloadResult Reload() => _reload.Reload();

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
        jobOptions.Checkpointing.Interval = options.CheckpointInterval;
        if (options.Kafka is { } kafka)
        {
            KafkaIngest.ConfigureCheckpoints(jobOptions, kafka, options.DataDirectory);
        }

        JobRestorePoint.Configure(jobOptions.Checkpointing, options.DataDirectory);
        var env = StreamExecutionEnvironment.Create(jobOptions);
        var ingested = env.FromSource(source, "Ingest Queue").Uid("ingest-queue");
        if (options.Kafka is { } kafkaIngest)
        {
            ingested = ingested.Union(KafkaIngest.AddTo(env, kafkaIngest, store.ReadKafkaOffsets(), ingestOptions, metrics, s_logs.CreateLogger("Flinq.Server.Kafka")));
        }

        ingested.SinkTo(new TelemetryStoreSink(store, metrics, live), "DuckDB Telemetry Store").Uid("telemetry-store");

        // Alerting: rules from the rule store (every rule at start, then each change), evaluators, lifecycle,
        // history, and the notification pipeline.
        var ruleChanges = new IngestSource<RuleChange>(100_000);
        var history = new AlertHistoryStore(store);
        var alertView = new AlertStateView();
        foreach (var change in history.LoadActive())
        {
            alertView.Apply(change);
        }

        AlertingPipeline.Build(ingested, env.FromSource(ruleChanges, "Alert Rules").Uid("alert-rules"), history, alertView, options.TimeProvider, options.AlertOutOfOrderness)
            .SinkTo(new AlertNotificationSink(notifications), "Notifications").Uid("alert-notifications");
        var jobCancellation = new CancellationTokenSource();
        var job = env.Start("flinq-storage", jobCancellation.Token);
        var ruleSubscription = rules.Subscribe(change => ruleChanges.TryWrite(change, 1));
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
            if (!BearerAuth.CanRead(ctx, options))
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
        new AlertEndpoints(alertView, history, options, metrics).Map(app);
        var reload = new ConfigReload(notifications, rules, options);
        reload.Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            source.Complete();
            ruleSubscription.Dispose();
            ruleChanges.Complete();
            jobs.Dispose();
            await jobCancellation.CancelAsync().ConfigureAwait(false);
            store.Dispose();
            await notifications.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var liveLoop = liveFeed.RunAsync(app.Lifetime.ApplicationStopping);
        return new FlinqServer(app, source, job, store, jobCancellation, liveLoop, jobs, new Uri(address.EndsWith('/') ? address : address + "/"), notifications, rules,
            new Wiring(ruleChanges, ruleSubscription, alertView, options.DataDirectory, reload));
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
        _ruleSubscription.Dispose();
        if (!await StopWithSavepointAsync().ConfigureAwait(false))
        {
            _source.Complete();
            _ruleChanges.Complete();
            try
            {
                await _job.Completion.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await _jobCancellation.CancelAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // stopping goes on whatever the job did
            catch (Exception)
#pragma warning restore CA1031
            {
                // The job failed; its failure is in StorageJob. Stopping goes on.
            }
        }

        await _liveFeed.ConfigureAwait(false); // ended by the application's stopping token

        await _app.DisposeAsync().ConfigureAwait(false);
        await Notifications.DisposeAsync().ConfigureAwait(false);
        _jobs.Dispose();
        _store.Dispose();
        _jobCancellation.Dispose();
    }

    /// <summary>
    /// Lets the storage sink drain the ingest queue, then stops the job with a savepoint (see <see cref="JobRestorePoint"/>):
    /// the savepoint's barrier also stores buffered Kafka records and commits their offsets. False when the job is not
    /// running or the savepoint fails: the caller then ends the input instead.
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
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or Flinq.Checkpointing.CheckpointException or IOException or JobExecutionException)
        {
            return false;
        }
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

    /// <summary>What StartAsync hands the instance for alerting and stopping.</summary>
    private sealed record Wiring(IngestSource<RuleChange> RuleChanges, IDisposable RuleSubscription, AlertStateView Alerts, string DataDirectory, ConfigReload Reload);

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

namespace Flinq.Server.Configuration;

/// <summary>
/// How <c>flinq server</c> runs. Each setting comes from a flag, an environment variable, the YAML file or
/// its default, in that order of precedence (<see cref="ServerConfiguration"/>; README "Configuration").
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The address to listen on, <c>host:port</c>; port 0 picks a free port. Default <c>127.0.0.1:7700</c>.</summary>
    public string Listen { get; set; } = "127.0.0.1:7700";

    /// <summary>The directory that holds the database. Default <c>./flinq-data</c>.</summary>
    public string DataDirectory { get; set; } = "flinq-data";

    /// <summary>Largest request body, compressed or decompressed, in bytes; larger bodies get 413. Default 16 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Items (points, records, spans) the ingest queue holds before writes get 503 with Retry-After. Default 1,000,000.</summary>
    public long QueueCapacity { get; set; } = 1_000_000;

    /// <summary>How long a write waits for its storage commit before it answers 503. Default 30 s.</summary>
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long data is kept. Default 15 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(15);

    /// <summary>When set, writes need <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? WriteToken { get; set; }

    /// <summary>When set, queries (and /metrics) need <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? ReadToken { get; set; }

    /// <summary>
    /// The Alertmanager configuration file (<c>alertmanager.yml</c>) of the notification pipeline. When not set, a
    /// configuration with one receiver <c>default</c> and no integrations is used: alerts are accepted and shown by
    /// the Alertmanager API but notify nobody.
    /// </summary>
    public string? AlertmanagerConfig { get; set; }

    /// <summary>The silence store behind <c>/api/v2/silences</c> and the pipeline; null (the default) = a durable <c>SilenceStore</c> under <see cref="DataDirectory"/>/alertmanager.</summary>
    public Flinq.Monitor.Notify.ISilenceStore? Silences { get; set; }

    /// <summary>Parsers of receivers' <c>*_configs</c> sections; null = every integration Flinq has (webhook, Slack, e-mail, DingTalk, WeCom, Feishu).</summary>
    public IReadOnlyList<Flinq.Monitor.Notify.Configuration.IIntegrationConfigParser>? IntegrationParsers { get; set; }

    /// <summary>Kafka topics to ingest besides HTTP, or null (the default) for none.</summary>
    public KafkaIngestOptions? Kafka { get; set; }

    /// <summary>Rule files or patterns (<c>/etc/flinq/rules/*.yaml</c>) read besides <c>DATA/rules/*.yaml</c>. Default none.</summary>
    public IList<string> RuleFiles { get; set; } = [];

    /// <summary>
    /// How often the engine job checkpoints (alert state, rules, the alert history) under <c>DATA/checkpoints</c>; a
    /// restarted server resumes from the newest checkpoint. Default 10 s.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The bounded out-of-orderness of the alert rules' event time: a window of an event-time rule closes once a sample
    /// stamped this much past its end has arrived (plus the rule's <c>evaluation_delay</c>); a sample older than that
    /// is late for the rules (it is still stored). Smaller = faster alerts, larger = more tolerance for late senders.
    /// Default 5 s.
    /// </summary>
    public TimeSpan AlertOutOfOrderness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock (tests); not configurable from outside.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

using Flinq.Monitor.Notify.Configuration;
using Microsoft.Extensions.Logging;

namespace Flinq.Monitor.Notify;

/// <summary>How a <see cref="NotificationPipeline"/> runs.</summary>
public sealed class NotificationPipelineOptions
{
    /// <summary>The Alertmanager configuration (<c>alertmanager.yml</c> text).</summary>
    public required string ConfigYaml { get; init; }

    /// <summary>Where the notification log is kept (<c>nflog.json</c>); null keeps it in memory only (tests).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>How long notification log entries are kept after their last notification. Default 120 h (Alertmanager's <c>--data.retention</c>).</summary>
    public TimeSpan NotificationLogRetention { get; init; } = TimeSpan.FromHours(120);

    /// <summary>The parsers of receivers' <c>*_configs</c> sections. Default: <see cref="DefaultIntegrationParsers"/>.</summary>
    public IReadOnlyList<IIntegrationConfigParser> IntegrationParsers { get; init; } = DefaultIntegrationParsers;

    /// <summary>The integrations built into this project (<see cref="Receivers.ReceiverIntegrations.SectionNames"/>): webhook, Slack, e-mail, DingTalk, WeCom, Feishu.</summary>
    public static IReadOnlyList<IIntegrationConfigParser> DefaultIntegrationParsers { get; } = Receivers.ReceiverConfigParsers.Create();

    /// <summary>The silences to honour; null means no silences (the silence API then answers that none are configured).</summary>
    public ISilenceStore? Silences { get; init; }

    /// <summary>The server's external URL, put into notifications (<c>externalURL</c>).</summary>
    public string ExternalUrl { get; init; } = string.Empty;

    /// <summary>How many recent deliveries <see cref="NotificationPipeline.RecentDeliveries"/> keeps. Default 500.</summary>
    public int DeliveryHistory { get; init; } = 500;

    /// <summary>The clock (timers, retries, time intervals). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where failed flushes are logged. Default: nowhere (they are still in <see cref="NotificationPipeline.RecentDeliveries"/>).</summary>
    public ILogger? Logger { get; init; }
}

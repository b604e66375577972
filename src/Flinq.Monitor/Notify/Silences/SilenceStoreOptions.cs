namespace Flinq.Monitor.Notify.Silences;

/// <summary>Where and how a <see cref="SilenceStore"/> keeps its silences.</summary>
public sealed record SilenceStoreOptions
{
    /// <summary>
    /// The directory holding the snapshot file <c>silences.json</c>; created when missing. Null keeps silences in
    /// memory only (tests, or a server without a data directory).
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>How long an expired silence is kept (listed, and restorable by the API) before it is deleted. Default 120 h, Alertmanager's <c>--data.retention</c>.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(120);

    /// <summary>The clock: "now" for states, validation, expiry and garbage collection.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

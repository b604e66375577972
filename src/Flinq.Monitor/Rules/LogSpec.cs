using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Rules;

/// <summary>
/// Counts the log records that match (severity at least <see cref="MinSeverity"/>, body containing
/// <see cref="Contains"/> and/or matching <see cref="Pattern"/>, fields matching <see cref="Matchers"/>) per group over
/// a window (tumbling, or sliding by <see cref="Slide"/>); active when the count is at least <see cref="MinCount"/>.
/// </summary>
public sealed record LogSpec
{
    /// <summary>The lowest severity counted; <see cref="SeverityLevel.Unspecified"/> counts every severity.</summary>
    public SeverityLevel MinSeverity { get; init; }

    /// <summary>A substring the body must contain (ordinal), or null.</summary>
    public string? Contains { get; init; }

    /// <summary>A regular expression the body must match (unanchored), or null.</summary>
    public string? Pattern { get; init; }

    /// <summary>Matchers over <c>service</c>, <c>host</c>, <c>severity</c> and the record's attributes.</summary>
    public IReadOnlyList<LabelMatcher> Matchers { get; init; } = [];

    /// <summary>The window length.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>The slide of a sliding window; null for tumbling.</summary>
    public TimeSpan? Slide { get; init; }

    /// <summary>Group labels, taken from <c>service</c>, <c>host</c> and attributes.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>The count at which the group is active.</summary>
    public required long MinCount { get; init; }
}

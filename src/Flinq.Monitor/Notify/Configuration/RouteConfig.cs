using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>One node of the routing tree as written in the file (unset settings are null: they inherit).</summary>
internal sealed class RouteConfig
{
    public string? Receiver { get; init; }

    /// <summary>The labels listed in <c>group_by</c> other than <c>...</c>; null when none are listed.</summary>
    public IReadOnlyList<string>? GroupBy { get; init; }

    /// <summary><c>group_by: ['...']</c>: group by all labels.</summary>
    public bool GroupByAll { get; init; }

    public TimeSpan? GroupWait { get; init; }

    public TimeSpan? GroupInterval { get; init; }

    public TimeSpan? RepeatInterval { get; init; }

    /// <summary><c>match</c>, <c>match_re</c> and <c>matchers</c> together.</summary>
    public IReadOnlyList<LabelMatcher> Matchers { get; init; } = [];

    public bool Continue { get; init; }

    public IReadOnlyList<string> MuteTimeIntervals { get; init; } = [];

    public IReadOnlyList<string> ActiveTimeIntervals { get; init; } = [];

    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];

    public long Line { get; init; }

    public long Column { get; init; }
}

using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>An inhibition rule: a firing alert matching the source matchers mutes alerts matching the target matchers that have the same values of the <see cref="Equal"/> labels.</summary>
internal sealed class InhibitRuleConfig
{
    public required IReadOnlyList<LabelMatcher> SourceMatchers { get; init; }

    public required IReadOnlyList<LabelMatcher> TargetMatchers { get; init; }

    public required IReadOnlyList<string> Equal { get; init; }
}

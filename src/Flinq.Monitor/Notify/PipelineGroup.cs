using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify;

/// <summary>An aggregation group as <c>/api/v2/alerts/groups</c> shows it.</summary>
/// <param name="Labels">The group labels.</param>
/// <param name="Receiver">The route's receiver.</param>
/// <param name="GroupKey">Alertmanager's group key.</param>
/// <param name="Alerts">Its alerts that are not resolved.</param>
public sealed record PipelineGroup(Labels Labels, string Receiver, string GroupKey, IReadOnlyList<PipelineAlert> Alerts);

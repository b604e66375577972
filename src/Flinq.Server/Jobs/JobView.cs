
namespace Flinq.Server.Jobs;

/// <summary>What the API shows of one job: its state, plan, fresh metrics, and the rates of the last sampling interval.</summary>
/// <param name="Name">The job's name.</param>
/// <param name="State">RUNNING, FINISHED, FAILED or CANCELED (Flink's job states).</param>
/// <param name="Failure">Why it failed; null unless FAILED.</param>
/// <param name="StartTime">When it was registered.</param>
/// <param name="Restarts">Restarts after failures so far.</param>
/// <param name="Plan">The execution plan JSON.</param>
/// <param name="Metrics">A snapshot taken for this view.</param>
/// <param name="Rates">Per task and instance, rates and time ratios, in the order of <see cref="JobMetrics.Vertices"/>.</param>
internal sealed record JobView(string Name, string State, string? Failure, DateTimeOffset StartTime, int Restarts, string Plan, JobMetrics Metrics, IReadOnlyList<IReadOnlyList<SubtaskRates>> Rates);

/// <summary>One instance's rates: records per second and the fractions of time back-pressured, busy and idle.</summary>
internal readonly record struct SubtaskRates(double RecordsInPerSecond, double RecordsOutPerSecond, double BackPressuredRatio, double BusyRatio, double IdleRatio);

namespace Flinq.Monitor.Alerting;

/// <summary>Settings of <see cref="AbsenceEvaluator"/>.</summary>
public sealed class AbsenceEvaluatorOptions
{
    /// <summary>
    /// How often a silent group is evaluated again (active, so <c>for</c> can elapse) and how often a group that
    /// recovered is evaluated inactive until its <c>keep_firing_for</c> has passed. Processing time. A rule whose
    /// <c>silent_for</c> is shorter uses that instead. Default 15 s.
    /// </summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);
}

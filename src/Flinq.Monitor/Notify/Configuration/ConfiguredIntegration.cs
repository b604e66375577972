namespace Flinq.Monitor.Notify.Configuration;

/// <summary>One parsed entry of a receiver's <c>*_configs</c> list: the notifier and the settings the pipeline itself needs.</summary>
/// <param name="Notifier">Delivers notifications (one attempt per call).</param>
/// <param name="SendResolved">The entry's <c>send_resolved</c> (its integration's default when absent: true for webhook, false for Slack and email in Alertmanager).</param>
public sealed record ConfiguredIntegration(INotifier Notifier, bool SendResolved);

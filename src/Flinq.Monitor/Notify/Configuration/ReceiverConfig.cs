namespace Flinq.Monitor.Notify.Configuration;

/// <summary>A receiver: a name and its integrations (none is valid: such a receiver notifies nobody).</summary>
internal sealed class ReceiverConfig
{
    public required string Name { get; init; }

    public required IReadOnlyList<ConfiguredIntegration> Integrations { get; init; }
}

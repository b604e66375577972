using Flinq.Monitor.Rules;
using Flinq.Serialization;

namespace Flinq.Monitor.Alerting;

/// <summary>Registers the binary checkpoint serializers of the alerting operators' state.</summary>
public static class AlertingSerializers
{
    /// <summary>
    /// Registers serializers for <see cref="AlertRule"/> (broadcast state of every rule operator — required: the JSON
    /// fallback cannot read rules back), <see cref="AlertStateChange"/> and the lifecycle's and evaluators' keyed state.
    /// <see cref="AlertLifecycle.Apply"/>, <see cref="AbsenceEvaluator.Apply"/> and <see cref="SequenceEvaluator.Apply"/>
    /// call it for their environment; calling it again is harmless.
    /// </summary>
    public static void Register(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(new AlertRuleSerializer());
        registry.Register(new AlertKeyStateSerializer());
        registry.Register(new AlertStateChangeSerializer());
        registry.Register(new AbsenceKeyStateSerializer());
        registry.Register(new SequenceKeyStateSerializer());
    }
}

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>Registers the binary serializers of the evaluators' keyed state with a job's environment (idempotent).</summary>
internal static class EvaluatorSerializers
{
    public static void Register(StreamExecutionEnvironment environment)
    {
        environment.Options.Serializers.Register(new WindowStateSerializer());
        environment.Options.Serializers.Register(new AnomalyStateSerializer());
    }
}

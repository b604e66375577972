namespace Flinq.Functions;

/// <summary>
/// Receives the records a function emits (Flink's <c>Collector</c>). Records emitted through a collector keep
/// the timestamp of the record being processed. Only valid during the call it was passed to.
/// </summary>
public interface ICollector<in T>
{
    /// <summary>Emits one record downstream.</summary>
    void Collect(T value);
}

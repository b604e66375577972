namespace Flinq.Nexmark.Queries;

/// <summary>Receives a query's output stream, whatever its record type (e.g. to attach a sink).</summary>
public interface IQueryOutput
{
    /// <summary>Called once with the query's result stream.</summary>
    void Attach<T>(DataStream<T> results);
}

namespace Flinq.Connectors;

/// <summary>A source record that could not be parsed, routed to a side output instead of failing the job.</summary>
/// <param name="Source">Where it came from: a file path, or host:port.</param>
/// <param name="Line">Its 1-based line number in that source.</param>
/// <param name="Text">The raw text.</param>
/// <param name="Error">Why it could not be parsed.</param>
public sealed record BadRecord(string Source, long Line, string Text, string Error);

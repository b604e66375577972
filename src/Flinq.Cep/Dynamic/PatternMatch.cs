using System.Text.Json;

namespace Flinq.Cep.Dynamic;

/// <summary>
/// A match (or, with <see cref="TimedOut"/>, a timed-out partial match) of a dynamic pattern: the pattern's id, the
/// key, the events per element, and the timestamp (last event, or the time the partial match timed out).
/// </summary>
public sealed record PatternMatch(string PatternId, string Key, IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> Events, bool TimedOut, long Timestamp);

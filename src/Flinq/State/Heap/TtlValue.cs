namespace Flinq.State.Heap;

/// <summary>A stored state value with the processing time (epoch ms) it was last written, or read under OnReadAndWrite.</summary>
internal readonly record struct TtlValue<T>(T Value, long Timestamp);

namespace Flinq;

/// <summary>
/// Identifies a side output of type <typeparamref name="T"/> (Flink's <c>OutputTag</c>). Process functions
/// emit to it with <c>context.Output(tag, value)</c>; <see cref="DataStream{T}.GetSideOutput{TSide}"/> reads it.
/// Two tags are the same side output when their ids are equal.
/// </summary>
public sealed class OutputTag<T> : IEquatable<OutputTag<T>>
{
    /// <summary>Creates a tag.</summary>
    /// <param name="id">A name unique within the job, e.g. <c>"late-data"</c>.</param>
    public OutputTag(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The tag's name.</summary>
    public string Id { get; }

    public bool Equals(OutputTag<T>? other) => other is not null && other.Id == Id;

    public override bool Equals(object? obj) => obj is OutputTag<T> other && Equals(other);

    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"OutputTag<{typeof(T).Name}>({Id})";
}

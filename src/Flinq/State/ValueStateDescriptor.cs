namespace Flinq.State;

/// <summary>Describes a <see cref="ValueState{T}"/>: one value per key (and namespace).</summary>
public sealed class ValueStateDescriptor<T> : StateDescriptor
{
    /// <summary>Creates a descriptor whose state reads as <c>default(T)</c> until written.</summary>
    public ValueStateDescriptor(string name)
        : base(name)
    {
    }
}

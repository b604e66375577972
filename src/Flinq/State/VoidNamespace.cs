namespace Flinq.State;

/// <summary>The namespace of state that is scoped to a key only (not to a window).</summary>
internal readonly struct VoidNamespace : IEquatable<VoidNamespace>
{
    public static readonly VoidNamespace Instance;

    public bool Equals(VoidNamespace other) => true;

    public override bool Equals(object? obj) => obj is VoidNamespace;

    public override int GetHashCode() => 0;
}

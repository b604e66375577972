using Flinq.Time;

namespace Flinq.Windowing.Windows;

/// <summary>
/// The one window that holds all elements of a key (Flink's <c>GlobalWindow</c>). It never ends: its
/// <see cref="MaxTimestamp"/> is the end of time, so it needs a custom trigger (e.g. a count trigger) to fire.
/// </summary>
public readonly struct GlobalWindow : IWindow, IEquatable<GlobalWindow>
{
    /// <summary>The global window.</summary>
    public static readonly GlobalWindow Instance;

    /// <inheritdoc />
    public Timestamp MaxTimestamp => Timestamp.MaxValue;

    public bool Equals(GlobalWindow other) => true;

    public override bool Equals(object? obj) => obj is GlobalWindow;

    public override int GetHashCode() => 0;

    public static bool operator ==(GlobalWindow a, GlobalWindow b) => true;

    public static bool operator !=(GlobalWindow a, GlobalWindow b) => false;

    public override string ToString() => "GlobalWindow";
}

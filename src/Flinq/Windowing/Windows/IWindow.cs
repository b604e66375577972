using Flinq.Time;

namespace Flinq.Windowing.Windows;

/// <summary>
/// A window: a finite group of elements that is evaluated together (Flink's <c>Window</c>). Windows are
/// values — two windows are the same window when they are equal — and are the namespace of a key's window
/// state and timers. Implementations should be small readonly structs that implement
/// <see cref="IEquatable{T}"/>, so the window operator stores and compares them without allocating.
/// </summary>
/// <remarks>Flink's <c>Window</c> is an abstract class; here it is an interface so windows can be structs.</remarks>
public interface IWindow
{
    /// <summary>
    /// The largest timestamp that still belongs to the window. The window's event-time trigger fires, and
    /// its results are emitted with this timestamp, once the watermark reaches it.
    /// </summary>
    Timestamp MaxTimestamp { get; }
}

using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// An assigner whose windows can merge (Flink's <c>MergingWindowAssigner</c>): session windows grow and
/// merge as elements arrive. The window operator keeps, per key, which windows are in flight and merges their
/// contents and trigger state when this assigner merges the windows.
/// </summary>
public abstract class MergingWindowAssigner<TWindow> : WindowAssigner<TWindow>
    where TWindow : IWindow, IEquatable<TWindow>
{
    /// <summary>
    /// Decides which of <paramref name="windows"/> merge: calls <paramref name="callback"/> once per group of two
    /// or more windows with the group and the window that replaces it.
    /// </summary>
    public abstract void MergeWindows(IReadOnlyCollection<TWindow> windows, Action<IReadOnlyList<TWindow>, TWindow> callback);
}

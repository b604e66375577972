using Flinq.Windowing.Assigners;

namespace Flinq.Operators.Windowing;

/// <summary>Called when windows merge; see <see cref="MergingWindowSet{TWindow}.AddWindow"/>.</summary>
internal interface IMergeFunction<TWindow>
{
    /// <param name="mergeResult">The window that replaces <paramref name="mergedWindows"/>.</param>
    /// <param name="mergedWindows">The in-flight windows that merged (without the new window).</param>
    /// <param name="stateWindowResult">The state window the merged contents now live in.</param>
    /// <param name="mergedStateWindows">The state windows whose contents must move into <paramref name="stateWindowResult"/>.</param>
    void Merge(TWindow mergeResult, IReadOnlyList<TWindow> mergedWindows, TWindow stateWindowResult, IReadOnlyList<TWindow> mergedStateWindows);
}

/// <summary>
/// The in-flight windows of one key of a merging assigner (Flink's <c>MergingWindowSet</c>). Each window maps
/// to a <em>state window</em>: the window its contents are stored under. When windows merge, the result
/// window takes over the state window of one of them, so the contents of that one need not move — only the
/// others' contents are merged into it.
/// </summary>
internal sealed class MergingWindowSet<TWindow>
    where TWindow : IEquatable<TWindow>, Flinq.Windowing.Windows.IWindow
{
    private readonly Dictionary<TWindow, TWindow> _mapping = new();

    /// <summary>Window → state window: all there is to checkpoint.</summary>
    internal IReadOnlyDictionary<TWindow, TWindow> Mapping => _mapping;

    /// <summary>Restores one entry of <see cref="Mapping"/>.</summary>
    internal void Restore(TWindow window, TWindow stateWindow) => _mapping[window] = stateWindow;

    public bool IsEmpty => _mapping.Count == 0;

    public int Count => _mapping.Count;

    public bool TryGetStateWindow(TWindow window, out TWindow stateWindow) => _mapping.TryGetValue(window, out stateWindow!);

    /// <summary>Removes a window that has been cleaned up (or that was late).</summary>
    public void RetireWindow(TWindow window)
    {
        if (!_mapping.Remove(window))
        {
            throw new InvalidOperationException($"Window {window} is not in the in-flight window set.");
        }
    }

    /// <summary>
    /// Adds a new window and merges it with the in-flight windows as the assigner decides. Returns the window
    /// the new window ended up in: itself, or the merge result it became part of.
    /// </summary>
    public TWindow AddWindow(TWindow newWindow, MergingWindowAssigner<TWindow> assigner, IMergeFunction<TWindow> mergeFunction)
    {
        // Every element of a session key comes through here: work in per-thread scratch lists, not new ones.
        var scratch = t_scratch ??= new Scratch();
        scratch.Reset();
        var windows = scratch.Windows;
        windows.AddRange(_mapping.Keys);
        windows.Add(newWindow);
        assigner.MergeWindows(windows, scratch.Collect);

        var resultWindow = newWindow;
        bool mergedNewWindow = false;
        foreach (var (mergeResult, mergedWindows) in scratch.Results)
        {
            // If the new window is among the merged ones, the merge result is where the new element goes.
            if (mergedWindows.Remove(newWindow))
            {
                mergedNewWindow = true;
                resultWindow = mergeResult;
            }

            // Any merged window's state window becomes the merge result's state window.
            var mergedStateWindow = _mapping[mergedWindows[0]];
            var mergedStateWindows = scratch.StateWindows;
            mergedStateWindows.Clear();
            foreach (var mergedWindow in mergedWindows)
            {
                if (_mapping.Remove(mergedWindow, out var stateWindow))
                {
                    mergedStateWindows.Add(stateWindow);
                }
            }

            _mapping[mergeResult] = mergedStateWindow;
            mergedStateWindows.Remove(mergedStateWindow);

            // The new window alone inside one existing window: nothing changes, nothing to merge.
            if (!(mergedWindows.Count == 1 && mergedWindows[0].Equals(mergeResult)))
            {
                mergeFunction.Merge(mergeResult, mergedWindows, mergedStateWindow, mergedStateWindows);
            }
        }

        // The new window merged with nothing: it is in flight on its own, its own state window.
        if (scratch.Results.Count == 0 || (resultWindow.Equals(newWindow) && !mergedNewWindow))
        {
            _mapping[resultWindow] = resultWindow;
        }

        scratch.Reset();
        return resultWindow;
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Reusable lists for <see cref="AddWindow"/>, one set per task thread (merging never re-enters it).</summary>
    private sealed class Scratch
    {
        private readonly Stack<List<TWindow>> _pool = new();

        public Scratch() => Collect = (toBeMerged, mergeResult) =>
        {
            var merged = _pool.Count > 0 ? _pool.Pop() : new List<TWindow>();
            merged.AddRange(toBeMerged);
            Results.Add((mergeResult, merged));
        };

        public List<TWindow> Windows { get; } = new();

        public List<(TWindow Result, List<TWindow> Merged)> Results { get; } = new();

        public List<TWindow> StateWindows { get; } = new();

        public Action<IReadOnlyList<TWindow>, TWindow> Collect { get; }

        public void Reset()
        {
            Windows.Clear();
            StateWindows.Clear();
            foreach (var (_, merged) in Results)
            {
                merged.Clear();
                _pool.Push(merged);
            }

            Results.Clear();
        }
    }

    public override string ToString() => $"MergingWindowSet{{{string.Join(", ", _mapping.Select(m => $"{m.Key} -> {m.Value}"))}}}";
}

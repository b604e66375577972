using Flinq.Time;
using Flinq.Windowing.Triggers;
using Flinq.Windowing.Windows;

namespace Flinq.Windowing.Assigners;

/// <summary>
/// Puts every element of a key into the one <see cref="GlobalWindow"/> (Flink's <c>GlobalWindows</c>). Its
/// default trigger never fires: set a trigger such as <see cref="CountTrigger"/> (count windows do).
/// </summary>
public sealed class GlobalWindows : WindowAssigner<GlobalWindow>
{
    private static readonly GlobalWindows s_instance = new();

    private GlobalWindows()
    {
    }

    /// <inheritdoc />
    public override bool IsEventTime => false;

    internal override bool IsTimestampOnly => true;

    /// <summary>The global window assigner.</summary>
    public static GlobalWindows Create() => s_instance;

    /// <inheritdoc />
    public override void AssignWindows<T>(T element, Timestamp timestamp, IWindowAssignerContext context, List<GlobalWindow> windows) =>
        windows.Add(GlobalWindow.Instance);

    internal override void AssignWindows(Timestamp timestamp, IWindowAssignerContext context, List<GlobalWindow> windows) =>
        windows.Add(GlobalWindow.Instance);

    /// <summary>A trigger that never fires (Flink's <c>GlobalWindows.NeverTrigger</c>).</summary>
    public override Trigger GetDefaultTrigger() => NeverTrigger.Instance;

    public override string ToString() => "GlobalWindows()";
}

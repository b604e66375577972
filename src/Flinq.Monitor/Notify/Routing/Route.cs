using System.Text;
using Flinq.Monitor.Notify.Configuration;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Notify.Routing;

/// <summary>
/// A node of the routing tree with its settings resolved (Alertmanager's <c>dispatch.Route</c>): unset settings
/// inherit from the parent, the root's from the defaults (group_wait 30s, group_interval 5m, repeat_interval 4h,
/// no grouping). Mute and active time intervals are not inherited, as in Alertmanager 0.25.
/// </summary>
/// <remarks>Immutable once built; thread-safe.</remarks>
internal sealed class Route
{
    private Route(RouteConfig config, Route? parent, int index)
    {
        Parent = parent;
        Receiver = config.Receiver ?? parent?.Receiver ?? string.Empty;
        if (config.GroupBy is not null)
        {
            GroupBy = [.. config.GroupBy.Order(StringComparer.Ordinal)];
            GroupByAll = false;
        }
        else
        {
            GroupBy = parent?.GroupBy ?? [];
            GroupByAll = config.GroupByAll || (parent?.GroupByAll ?? false);
        }

        GroupWait = config.GroupWait ?? parent?.GroupWait ?? TimeSpan.FromSeconds(30);
        GroupInterval = config.GroupInterval ?? parent?.GroupInterval ?? TimeSpan.FromMinutes(5);
        RepeatInterval = config.RepeatInterval ?? parent?.RepeatInterval ?? TimeSpan.FromHours(4);
        Matchers = [.. config.Matchers.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Value, StringComparer.Ordinal).ThenBy(m => m.Type)];
        Continue = config.Continue;
        MuteTimeIntervals = config.MuteTimeIntervals;
        ActiveTimeIntervals = config.ActiveTimeIntervals;
        Key = (parent is null ? string.Empty : parent.Key + "/") + FormatMatchers(Matchers);
        Id = parent is null ? Key : Key + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var children = new List<Route>();
        for (int i = 0; i < config.Routes.Count; i++)
        {
            children.Add(new Route(config.Routes[i], this, i));
        }

        Children = children;
    }

    public Route? Parent { get; }

    public string Receiver { get; }

    /// <summary>The group_by labels, sorted; empty with <see cref="GroupByAll"/>.</summary>
    public IReadOnlyList<string> GroupBy { get; }

    public bool GroupByAll { get; }

    public TimeSpan GroupWait { get; }

    public TimeSpan GroupInterval { get; }

    public TimeSpan RepeatInterval { get; }

    /// <summary>The node's own matchers (match, match_re and matchers), sorted as Alertmanager sorts them.</summary>
    public IReadOnlyList<LabelMatcher> Matchers { get; }

    public bool Continue { get; }

    public IReadOnlyList<string> MuteTimeIntervals { get; }

    public IReadOnlyList<string> ActiveTimeIntervals { get; }

    public IReadOnlyList<Route> Children { get; }

    /// <summary>The path of matchers from the root, e.g. <c>{}/{severity="critical"}</c>: the prefix of group keys.</summary>
    public string Key { get; }

    /// <summary><see cref="Key"/> plus the position among siblings: unique per node even when siblings have equal matchers.</summary>
    public string Id { get; }

    /// <summary>Builds the tree from the configuration's root route.</summary>
    public static Route Build(RouteConfig root) => new(root, null, 0);

    /// <summary>
    /// The routes an alert with <paramref name="labels"/> goes to, exactly as Alertmanager's <c>Route.Match</c>:
    /// if this node matches, its children are tried in order; a matching child without <c>continue</c> stops the
    /// search; when no child matched, this node itself is the match. Empty when this node does not match.
    /// </summary>
    public List<Route> Match(Labels labels)
    {
        var result = new List<Route>();
        MatchInto(labels, result);
        return result;
    }

    private bool MatchInto(Labels labels, List<Route> result)
    {
        if (!LabelMatcher.MatchesAll(Matchers, labels))
        {
            return false;
        }

        int before = result.Count;
        foreach (var child in Children)
        {
            if (child.MatchInto(labels, result) && !child.Continue)
            {
                break;
            }
        }

        if (result.Count == before)
        {
            result.Add(this);
        }

        return true;
    }

    /// <summary>The labels of <paramref name="labels"/> this route groups by (all with <c>...</c>).</summary>
    public Labels GroupLabels(Labels labels)
    {
        if (GroupByAll)
        {
            return labels;
        }

        var builder = new LabelsBuilder();
        foreach (var name in GroupBy)
        {
            if (labels.TryGetValue(name, out var value))
            {
                builder.Add(name, value);
            }
        }

        return builder.Build();
    }

    /// <summary>Every node of the tree, depth first (the root first).</summary>
    public IEnumerable<Route> Walk()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var r in child.Walk())
            {
                yield return r;
            }
        }
    }

    private static string FormatMatchers(IReadOnlyList<LabelMatcher> matchers)
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < matchers.Count; i++)
        {
            sb.Append(i > 0 ? "," : string.Empty).Append(matchers[i]);
        }

        return sb.Append('}').ToString();
    }
}

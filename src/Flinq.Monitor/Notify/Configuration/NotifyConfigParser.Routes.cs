using Flinq.Monitor.Telemetry;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>The routing tree.</summary>
internal sealed partial class NotifyConfigParser
{
    private static readonly string[] s_routeKeys =
    [
        "receiver", "group_by", "group_wait", "group_interval", "repeat_interval", "matchers", "match", "match_re",
        "continue", "mute_time_intervals", "active_time_intervals", "routes",
    ];

    private static RouteConfig ParseRoute(YamlNode node, string path)
    {
        var map = Mapping(node, path);
        string? receiver = null;
        List<string>? groupBy = null;
        bool groupByAll = false;
        TimeSpan? groupWait = null, groupInterval = null, repeatInterval = null;
        var matchers = new List<LabelMatcher>();
        bool cont = false;
        var mute = new List<string>();
        var active = new List<string>();
        var routes = new List<RouteConfig>();
        foreach (var (keyNode, value) in map.Children)
        {
            string key = Text(keyNode);
            switch (key)
            {
                case "receiver": receiver = Text(value); break;
                case "group_by":
                    foreach (var item in Items(value, key))
                    {
                        if (Text(item) == "...")
                        {
                            groupByAll = true;
                            continue;
                        }

                        string name = LabelName(item);
                        groupBy ??= [];
                        if (groupBy.Contains(name))
                        {
                            throw Fail(item, $"duplicated label \"{name}\" in group_by");
                        }

                        groupBy.Add(name);
                    }

                    if (groupByAll && groupBy is not null)
                    {
                        throw Fail(value, "cannot have wildcard group_by (`...`) and other labels at the same time");
                    }

                    break;
                case "group_wait": groupWait = Duration(value, key); break;
                case "group_interval":
                    groupInterval = Duration(value, key);
                    if (groupInterval == TimeSpan.Zero)
                    {
                        throw Fail(value, "group_interval cannot be zero");
                    }

                    break;
                case "repeat_interval":
                    repeatInterval = Duration(value, key);
                    if (repeatInterval == TimeSpan.Zero)
                    {
                        throw Fail(value, "repeat_interval cannot be zero");
                    }

                    break;
                case "match": matchers.AddRange(OldMatchers(value, regex: false, key)); break;
                case "match_re": matchers.AddRange(OldMatchers(value, regex: true, key)); break;
                case "matchers": matchers.AddRange(NewMatchers(value, key)); break;
                case "continue": cont = Bool(value, key); break;
                case "mute_time_intervals": mute.AddRange(Items(value, key).Select(Text)); break;
                case "active_time_intervals": active.AddRange(Items(value, key).Select(Text)); break;
                case "routes":
                    int i = 0;
                    foreach (var child in Items(value, key))
                    {
                        routes.Add(ParseRoute(child, $"{path}.routes[{i++}]"));
                    }

                    break;
                default: throw UnknownField(keyNode, key, "a route", s_routeKeys);
            }
        }

        return new RouteConfig
        {
            Receiver = string.IsNullOrEmpty(receiver) ? null : receiver,
            GroupBy = groupBy,
            GroupByAll = groupByAll,
            GroupWait = groupWait,
            GroupInterval = groupInterval,
            RepeatInterval = repeatInterval,
            Matchers = matchers,
            Continue = cont,
            MuteTimeIntervals = mute,
            ActiveTimeIntervals = active,
            Routes = routes,
            Line = node.Start.Line,
            Column = node.Start.Column,
        };
    }

    private static void ValidateRoot(RouteConfig root, YamlNode node)
    {
        if (root.Receiver is null)
        {
            throw Fail(node, "root route must specify a default receiver");
        }

        if (root.Matchers.Count > 0)
        {
            throw Fail(node, "root route must not have any matchers");
        }

        if (root.Continue)
        {
            throw Fail(node, "cannot have continue in root route");
        }

        if (root.MuteTimeIntervals.Count > 0 || root.ActiveTimeIntervals.Count > 0)
        {
            throw Fail(node, "root route must not have any mute or active time intervals");
        }
    }

    private static void ValidateReferences(RouteConfig route, List<ReceiverConfig> receivers, Dictionary<string, IReadOnlyList<TimeInterval>> intervals)
    {
        if (route.Receiver is { } name && !receivers.Exists(r => r.Name == name))
        {
            throw new NotifyConfigException($"undefined receiver \"{name}\" used in route", route.Line, route.Column);
        }

        foreach (var interval in route.MuteTimeIntervals.Concat(route.ActiveTimeIntervals))
        {
            if (!intervals.ContainsKey(interval))
            {
                throw new NotifyConfigException($"undefined time interval \"{interval}\" used in route", route.Line, route.Column);
            }
        }

        foreach (var child in route.Routes)
        {
            ValidateReferences(child, receivers, intervals);
        }
    }
}

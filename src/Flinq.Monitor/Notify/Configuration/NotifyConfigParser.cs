using Flinq.Monitor.Telemetry;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>
/// Loads an Alertmanager configuration (<c>alertmanager.yml</c>, the schema of prometheus-alertmanager 0.25)
/// and validates it as Alertmanager does: unknown fields, undefined receivers and time intervals, a root route
/// with matchers, zero intervals and bad matchers are errors with the line and column of the offending node.
/// Receivers' <c>*_configs</c> entries go to the <see cref="IIntegrationConfigParser"/> registered for their key.
/// </summary>
internal sealed partial class NotifyConfigParser
{
    private static readonly string[] s_topKeys = ["global", "route", "receivers", "inhibit_rules", "templates", "time_intervals", "mute_time_intervals"];
    private readonly Dictionary<string, IIntegrationConfigParser> _integrations = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    public NotifyConfigParser(IEnumerable<IIntegrationConfigParser> integrations, TimeProvider timeProvider)
    {
        foreach (var parser in integrations)
        {
            _integrations[parser.Key] = parser;
        }

        _timeProvider = timeProvider;
    }

    /// <exception cref="NotifyConfigException">The text is not a valid configuration.</exception>
    public NotifyConfig Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new NotifyConfigException("not valid YAML: " + e.Message, e.Start.Line, e.Start.Column, e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new NotifyConfigException("the configuration must be a YAML mapping with at least route: and receivers:", 1, 1);
        }

        YamlMappingNode? global = null;
        YamlNode? routeNode = null;
        var receivers = new List<ReceiverConfig>();
        var inhibitRules = new List<InhibitRuleConfig>();
        var intervals = new Dictionary<string, IReadOnlyList<TimeInterval>>(StringComparer.Ordinal);
        TimeSpan resolveTimeout = TimeSpan.FromMinutes(5);
        foreach (var (keyNode, value) in root.Children)
        {
            string key = Text(keyNode);
            switch (key)
            {
                case "global":
                    global = IsNull(value) ? null : Mapping(value, "global");
                    if (global is not null && Find(global, "resolve_timeout") is { } rt)
                    {
                        resolveTimeout = Duration(rt, "global.resolve_timeout");
                    }

                    break;
                case "route": routeNode = value; break;
                case "receivers": break; // after global: integration parsers read global defaults
                case "inhibit_rules":
                    foreach (var item in Items(value, "inhibit_rules"))
                    {
                        inhibitRules.Add(ParseInhibitRule(item));
                    }

                    break;
                case "templates": Items(value, "templates").ForEach(t => Text(t)); break;
                case "time_intervals":
                case "mute_time_intervals":
                    ParseTimeIntervals(value, key, intervals);
                    break;
                default: throw UnknownField(keyNode, key, "the configuration", s_topKeys);
            }
        }

        if (Find(root, "receivers") is { } receiversNode)
        {
            foreach (var item in Items(receiversNode, "receivers"))
            {
                var receiver = ParseReceiver(item, global);
                if (receivers.Exists(r => r.Name == receiver.Name))
                {
                    throw Fail(item, $"receiver name \"{receiver.Name}\" is not unique");
                }

                receivers.Add(receiver);
            }
        }

        if (routeNode is null || IsNull(routeNode))
        {
            throw new NotifyConfigException("no route provided in config", 1, 1);
        }

        var route = ParseRoute(routeNode, "route");
        ValidateRoot(route, routeNode);
        ValidateReferences(route, receivers, intervals);
        return new NotifyConfig
        {
            Original = yaml,
            ResolveTimeout = resolveTimeout,
            Route = route,
            Receivers = receivers,
            InhibitRules = inhibitRules,
            TimeIntervals = intervals,
        };
    }

    private ReceiverConfig ParseReceiver(YamlNode node, YamlMappingNode? global)
    {
        var map = Mapping(node, "receiver");
        string? name = null;
        var integrations = new List<ConfiguredIntegration>();
        foreach (var (keyNode, value) in map.Children)
        {
            string key = Text(keyNode);
            if (key == "name")
            {
                name = Text(value);
                continue;
            }

            if (!key.EndsWith("_configs", StringComparison.Ordinal))
            {
                throw UnknownField(keyNode, key, "a receiver", ["name", "webhook_configs", "email_configs", "slack_configs", "wechat_configs", "dingtalk_configs", "feishu_configs"]);
            }

            if (!_integrations.TryGetValue(key, out var parser))
            {
                throw Fail(keyNode, $"{key} is not supported by this Flinq build (no integration parser registered for it); supported: {(_integrations.Count == 0 ? "none" : string.Join(", ", _integrations.Keys.Order(StringComparer.Ordinal)))}");
            }

            int index = 0;
            foreach (var entry in Items(value, key))
            {
                integrations.Add(parser.Parse(Mapping(entry, key + " entry"), new IntegrationParseContext(name ?? string.Empty, index++, global, _timeProvider)));
            }
        }

        if (string.IsNullOrEmpty(name))
        {
            throw Fail(node, "missing name in receiver");
        }

        return new ReceiverConfig { Name = name, Integrations = integrations };
    }

    private static InhibitRuleConfig ParseInhibitRule(YamlNode node)
    {
        var map = Mapping(node, "inhibit rule");
        var source = new List<LabelMatcher>();
        var target = new List<LabelMatcher>();
        var equal = new List<string>();
        foreach (var (keyNode, value) in map.Children)
        {
            string key = Text(keyNode);
            switch (key)
            {
                case "source_match": source.AddRange(OldMatchers(value, regex: false, key)); break;
                case "source_match_re": source.AddRange(OldMatchers(value, regex: true, key)); break;
                case "source_matchers": source.AddRange(NewMatchers(value, key)); break;
                case "target_match": target.AddRange(OldMatchers(value, regex: false, key)); break;
                case "target_match_re": target.AddRange(OldMatchers(value, regex: true, key)); break;
                case "target_matchers": target.AddRange(NewMatchers(value, key)); break;
                case "equal":
                    foreach (var item in Items(value, key))
                    {
                        equal.Add(LabelName(item));
                    }

                    break;
                default:
                    throw UnknownField(keyNode, key, "an inhibit rule", ["source_matchers", "target_matchers", "equal", "source_match", "source_match_re", "target_match", "target_match_re"]);
            }
        }

        return new InhibitRuleConfig { SourceMatchers = source, TargetMatchers = target, Equal = equal };
    }
}

using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Receivers;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Tests.Notify.Receivers;

/// <summary>Notifications and configurations the receiver tests share.</summary>
internal static class TestNotifications
{
    public static readonly Timestamp Now = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.Zero));

    public static Alert Firing(string name, string instance, string summary = "CPU is high") => new()
    {
        Labels = Labels.FromPairs(("alertname", name), ("instance", instance), ("severity", "critical")),
        Annotations = Labels.FromPairs(("summary", summary)),
        StartsAt = Now - TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(120),
        GeneratorUrl = "http://127.0.0.1:7700/rules/" + name,
    };

    public static Alert Resolved(string name, string instance) => Firing(name, instance) with { EndsAt = Now - TimeSpan.FromMinutes(1) };

    public static Notification Of(params Alert[] alerts) => new()
    {
        Receiver = "team-a",
        GroupKey = "{}:{alertname=\"" + alerts[0].Name + "\"}",
        Status = alerts.Any(a => !a.IsResolvedAt(Now)) ? "firing" : "resolved",
        Alerts = alerts,
        GroupLabels = Labels.FromPairs(("alertname", alerts[0].Name)),
        CommonLabels = Common(alerts),
        CommonAnnotations = alerts.All(a => a.Annotations == alerts[0].Annotations) ? alerts[0].Annotations : Labels.Empty,
        ExternalUrl = "http://127.0.0.1:7700",
        Time = Now,
    };

    /// <summary>One notifier from one YAML entry of <paramref name="section"/>.</summary>
    public static INotifier Parse(string section, string yamlEntry, ReceiverOptions? options = null, ReceiverGlobals? globals = null)
    {
        var list = ParseAll(section, yamlEntry, options, globals);
        list.Should().HaveCount(1);
        return list[0];
    }

    /// <summary>One notifier from one YAML entry of <paramref name="section"/>, its clock standing still at <paramref name="now"/> (signed requests carry the time).</summary>
    public static INotifier ParseAt(DateTimeOffset now, string section, string yamlEntry) =>
        Parse(section, yamlEntry, ReceiverOptions.Default with { TimeProvider = new FakeTimeProvider(now) });

    public static IReadOnlyList<INotifier> ParseAll(string section, string yaml, ReceiverOptions? options = null, ReceiverGlobals? globals = null)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(section + ":\n" + Indent(yaml)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return ReceiverIntegrations.Parse(section, (YamlSequenceNode)root.Children[new YamlScalarNode(section)], globals, options, "receivers[0]");
    }

    private static string Indent(string yaml)
    {
        var lines = yaml.Trim('\n').Split('\n');
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            sb.Append(i == 0 ? "  - " : "    ").Append(lines[i]).Append('\n');
        }

        return sb.ToString();
    }

    private static Labels Common(Alert[] alerts)
    {
        var builder = new LabelsBuilder();
        foreach (var label in alerts[0].Labels)
        {
            if (alerts.All(a => a.Labels.Get(label.Name) == label.Value))
            {
                builder.Add(label.Name, label.Value);
            }
        }

        return builder.Build();
    }
}

using System.Collections.Concurrent;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Configuration;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>
/// An in-process integration for the grouping unit tests: <c>test_configs: [{name: x, send_resolved: bool}]</c>
/// creates (or reuses) the notifier named x, which records every notification and answers with queued results
/// (success when none are queued). End-to-end tests use the real webhook over HTTP instead.
/// </summary>
internal sealed class RecordingNotifier : INotifier
{
    private readonly ConcurrentQueue<NotifyResult> _results = new();

    public string Integration => "test";

    public ConcurrentQueue<Notification> Received { get; } = new();

    public int Attempts;

    public void Enqueue(params NotifyResult[] results)
    {
        foreach (var r in results)
        {
            _results.Enqueue(r);
        }
    }

    public Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        var result = _results.TryDequeue(out var r) ? r : NotifyResult.Ok;
        if (result.Success)
        {
            Received.Enqueue(notification);
        }

        return Task.FromResult(result);
    }

    /// <summary>The parser for <c>test_configs</c>, sharing notifiers by name.</summary>
    internal sealed class Parser : IIntegrationConfigParser
    {
        public ConcurrentDictionary<string, RecordingNotifier> Notifiers { get; } = new();

        public string Key => "test_configs";

        public ConfiguredIntegration Parse(YamlMappingNode entry, IntegrationParseContext context)
        {
            string name = context.ReceiverName;
            bool sendResolved = true;
            foreach (var (k, v) in entry.Children)
            {
                switch (((YamlScalarNode)k).Value)
                {
                    case "name": name = ((YamlScalarNode)v).Value!; break;
                    case "send_resolved": sendResolved = ((YamlScalarNode)v).Value == "true"; break;
                }
            }

            return new ConfiguredIntegration(Notifiers.GetOrAdd(name, _ => new RecordingNotifier()), sendResolved);
        }
    }
}

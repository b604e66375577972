using System.Globalization;
using Flinq.Monitor.Notify.Configuration;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Receivers;

/// <summary>
/// The receiver integrations of this folder as the <see cref="IIntegrationConfigParser"/>s the <c>alertmanager.yml</c>
/// parser looks up by key (<c>webhook_configs</c>, <c>slack_configs</c>, ...): each entry is parsed by
/// <see cref="ReceiverIntegrations.Parse"/>, with the <c>global:</c> section's SMTP and Slack defaults.
/// </summary>
public static class ReceiverConfigParsers
{
    /// <summary>One parser per supported section.</summary>
    public static IReadOnlyList<IIntegrationConfigParser> Create(ReceiverOptions? options = null) =>
        ReceiverIntegrations.SectionNames.Select(name => (IIntegrationConfigParser)new SectionParser(name, options)).ToArray();

    private sealed class SectionParser(string key, ReceiverOptions? options) : IIntegrationConfigParser
    {
        public string Key => key;

        public ConfiguredIntegration Parse(YamlMappingNode entry, IntegrationParseContext context)
        {
            string path = $"receivers[{context.ReceiverName}]";
            try
            {
                var globals = context.Global is { } global ? ReceiverGlobals.Parse(global) : ReceiverGlobals.Empty;
                var receiverOptions = options ?? new ReceiverOptions { TimeProvider = context.TimeProvider };
                var notifier = ReceiverIntegrations.Parse(key, new YamlSequenceNode(entry), globals, receiverOptions, path)[0];
                return new ConfiguredIntegration(notifier, notifier.SendResolved);
            }
            catch (ReceiverConfigException e)
            {
                string where = e.Path.Replace(key + "[0]", key + "[" + context.Index.ToString(CultureInfo.InvariantCulture) + "]", StringComparison.Ordinal);
                throw new NotifyConfigException($"{where}: {e.Reason}", e.Line, e.Column, e);
            }
        }
    }
}

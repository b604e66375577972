using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>
/// The seam between the Alertmanager configuration loader and the receiver integrations: one parser per
/// <c>*_configs</c> key of a receiver (<c>webhook_configs</c>, <c>slack_configs</c>, <c>email_configs</c>,
/// <c>wechat_configs</c>, <c>dingtalk_configs</c>, <c>feishu_configs</c>...). The loader hands each entry of the
/// list to the parser registered for its key; a key with no parser is a configuration error naming it.
/// </summary>
/// <remarks>Parsers are stateless and thread-safe. Errors are <see cref="NotifyConfigException"/> with the position of the offending node (<see cref="YamlNode.Start"/>).</remarks>
public interface IIntegrationConfigParser
{
    /// <summary>The receiver key this parser reads, e.g. <c>webhook_configs</c>.</summary>
    string Key { get; }

    /// <summary>Parses one entry of the list into a notifier.</summary>
    /// <exception cref="NotifyConfigException">The entry is invalid.</exception>
    ConfiguredIntegration Parse(YamlMappingNode entry, IntegrationParseContext context);
}

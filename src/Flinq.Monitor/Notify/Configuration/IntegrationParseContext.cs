using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary>What an <see cref="IIntegrationConfigParser"/> gets besides the entry itself.</summary>
/// <param name="ReceiverName">The receiver the entry belongs to.</param>
/// <param name="Index">The entry's position in its <c>*_configs</c> list.</param>
/// <param name="Global">The configuration's <c>global</c> section (defaults such as <c>smtp_smarthost</c>, <c>slack_api_url</c>), or null.</param>
/// <param name="TimeProvider">The pipeline's clock.</param>
public sealed record IntegrationParseContext(string ReceiverName, int Index, YamlMappingNode? Global, TimeProvider TimeProvider);

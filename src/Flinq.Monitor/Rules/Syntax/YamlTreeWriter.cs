using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Flinq.Monitor.Rules.Syntax;

/// <summary>
/// Writes a <see cref="SyntaxNode"/> tree as block YAML through YamlDotNet's emitter (which does the quoting and
/// escaping). Strings are plain where YAML reads them back as the same string, double-quoted otherwise; lists of
/// scalars are written in flow style (<c>[host, service]</c>).
/// </summary>
internal static class YamlTreeWriter
{
    public static string Write(SyntaxNode root)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, SyntaxNode node)
    {
        switch (node)
        {
            case MappingNode map:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, map.Entries.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in map.Entries)
                {
                    Emit(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case SequenceNode seq:
                bool flow = seq.Items.All(i => i is ScalarNode);
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in seq.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case ScalarNode scalar:
                var style = scalar.Kind is ScalarKind.String && NeedsQuotes(scalar.Value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
                emitter.Emit(new Scalar(null, null, scalar.Value, style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
        }
    }

    // Plain scalars YAML (or Flinq's reader) would not read back as the same string: empty, null words, and
    // anything starting with a character that YAML gives meaning to. The emitter quotes the rest of the risky
    // cases (": ", " #", leading/trailing spaces, line breaks) itself.
    private static bool NeedsQuotes(string value) =>
        value.Length == 0
        || value is "~" or "null" or "Null" or "NULL"
        || "-?:,[]{}#&*!|>'\"%@`{".Contains(value[0], StringComparison.Ordinal)
        || value.Contains('\t', StringComparison.Ordinal)
        || value.Contains('\n', StringComparison.Ordinal);
}

using System.Globalization;
using Flinq.Examples.Common;

namespace Flinq.Examples.ErrorLogAlert;

/// <summary>The command line of the ErrorLogAlert example.</summary>
/// <param name="Common">The options all examples share.</param>
/// <param name="Threshold">Errors per service and minute that raise an alert (<c>--threshold</c>, default 10).</param>
/// <param name="Grok">The pattern for raw (non-JSON) lines (<c>--pattern</c>, default <see cref="GrokPattern.DefaultLogLine"/>).</param>
public sealed record ErrorLogAlertOptions(ExampleOptions Common, int Threshold, GrokPattern Grok)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: ErrorLogAlert [--threshold N] [--pattern GROK] " + ExampleOptions.CommonUsage;

    /// <summary>Parses the arguments; on failure returns false and a message that says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out ErrorLogAlertOptions options, out string error)
    {
        options = null!;
        if (!ExampleOptions.TryParse(args, ["--threshold", "--pattern"], [], out var common, out error))
        {
            return false;
        }

        int threshold = 10;
        if (common.Extra.TryGetValue("--threshold", out var text) &&
            (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out threshold) || threshold < 1))
        {
            error = $"--threshold must be a whole number of at least 1, not '{text}'";
            return false;
        }

        GrokPattern grok;
        try
        {
            grok = GrokPattern.Compile(common.Extra.GetValueOrDefault("--pattern", GrokPattern.DefaultLogLine));
        }
        catch (ArgumentException e)
        {
            error = $"--pattern: {e.Message}";
            return false;
        }

        if (!grok.Fields.Contains("ts") || !grok.Fields.Contains("level") || !grok.Fields.Contains("service"))
        {
            error = "--pattern must capture ts, level and service, e.g. %{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} \\[%{NOTSPACE:service}\\] %{GREEDYDATA:message}";
            return false;
        }

        options = new ErrorLogAlertOptions(common, threshold, grok);
        return true;
    }
}

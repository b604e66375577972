using Flinq.Examples.Common;

namespace Flinq.Examples.MachineDown;

/// <summary>The command line of the MachineDown example.</summary>
/// <param name="Common">The options all examples share.</param>
/// <param name="Timeout">How long a host may be silent, in processing time, before it is DOWN (<c>--timeout</c>, default 30s).</param>
public sealed record MachineDownOptions(ExampleOptions Common, TimeSpan Timeout)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: MachineDown [--timeout DURATION] " + ExampleOptions.CommonUsage;

    /// <summary>Parses the arguments; on failure returns false and a message that says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out MachineDownOptions options, out string error)
    {
        options = null!;
        if (!ExampleOptions.TryParse(args, ["--timeout"], [], out var common, out error))
        {
            return false;
        }

        var timeout = TimeSpan.FromSeconds(30);
        if (common.Extra.TryGetValue("--timeout", out var text) && (!ExampleOptions.TryParseDuration(text, out timeout) || timeout <= TimeSpan.Zero))
        {
            error = $"--timeout must be a positive duration like 30s or 500ms, not '{text}'";
            return false;
        }

        options = new MachineDownOptions(common, timeout);
        return true;
    }
}

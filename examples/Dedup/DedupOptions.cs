using Flinq.Examples.Common;

namespace Flinq.Examples.Dedup;

/// <summary>The command line of the Dedup example.</summary>
/// <param name="Common">The options all examples share.</param>
/// <param name="Ttl">How long an id stays "seen" after its first record, in processing time (<c>--ttl</c>, default 1h).</param>
/// <param name="IdField">The JSON field holding the id (<c>--id-field</c>, default <c>id</c>).</param>
public sealed record DedupOptions(ExampleOptions Common, TimeSpan Ttl, string IdField)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: Dedup [--ttl DURATION] [--id-field NAME] " + ExampleOptions.CommonUsage;

    /// <summary>Parses the arguments; on failure returns false and a message that says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out DedupOptions options, out string error)
    {
        options = null!;
        if (!ExampleOptions.TryParse(args, ["--ttl", "--id-field"], [], out var common, out error))
        {
            return false;
        }

        var ttl = TimeSpan.FromHours(1);
        if (common.Extra.TryGetValue("--ttl", out var text) && (!ExampleOptions.TryParseDuration(text, out ttl) || ttl <= TimeSpan.Zero))
        {
            error = $"--ttl must be a positive duration like 10m or 1h, not '{text}'";
            return false;
        }

        string idField = common.Extra.GetValueOrDefault("--id-field", "id");
        if (idField.Length == 0)
        {
            error = "--id-field cannot be empty";
            return false;
        }

        options = new DedupOptions(common, ttl, idField);
        return true;
    }
}

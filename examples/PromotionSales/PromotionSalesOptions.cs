using System.Globalization;
using Flinq.Examples.Common;

namespace Flinq.Examples.PromotionSales;

/// <summary>The command line of the PromotionSales example.</summary>
/// <param name="Common">The options all examples share.</param>
/// <param name="Top">How many products each minute's ranking lists (<c>--top</c>, default 10).</param>
/// <param name="AllowedLateness">How long after a minute's end late orders still update it (<c>--allowed-lateness</c>, default 1m).</param>
public sealed record PromotionSalesOptions(ExampleOptions Common, int Top, TimeSpan AllowedLateness)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: PromotionSales [--top N] [--allowed-lateness DURATION] " + ExampleOptions.CommonUsage;

    /// <summary>Parses the arguments; on failure returns false and a message that says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out PromotionSalesOptions options, out string error)
    {
        options = null!;
        if (!ExampleOptions.TryParse(args, ["--top", "--allowed-lateness"], [], out var common, out error))
        {
            return false;
        }

        int top = 10;
        if (common.Extra.TryGetValue("--top", out var topText) &&
            (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1))
        {
            error = $"--top must be a whole number of at least 1, not '{topText}'";
            return false;
        }

        var lateness = TimeSpan.FromMinutes(1);
        if (common.Extra.TryGetValue("--allowed-lateness", out var latenessText) && !ExampleOptions.TryParseDuration(latenessText, out lateness))
        {
            error = $"--allowed-lateness must be a duration like 30s or 1m, not '{latenessText}'";
            return false;
        }

        options = new PromotionSalesOptions(common, top, lateness);
        return true;
    }
}

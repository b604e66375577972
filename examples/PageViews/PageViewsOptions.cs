using Flinq.Examples.Common;

namespace Flinq.Examples.PageViews;

/// <summary>The command line of the PageViews example.</summary>
/// <param name="Common">The options all examples share.</param>
/// <param name="Zone">The time zone whose calendar days are counted (<c>--tz</c>, default Asia/Shanghai).</param>
/// <param name="Approximate">Count UV with HyperLogLog instead of exactly (<c>--approx</c>).</param>
public sealed record PageViewsOptions(ExampleOptions Common, TimeZoneInfo Zone, bool Approximate)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: PageViews [--tz ZONE] [--approx] " + ExampleOptions.CommonUsage;

    /// <summary>Parses the arguments; on failure returns false and a message that says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out PageViewsOptions options, out string error)
    {
        options = null!;
        if (!ExampleOptions.TryParse(args, ["--tz"], ["--approx"], out var common, out error))
        {
            return false;
        }

        string zoneId = common.Extra.GetValueOrDefault("--tz", "Asia/Shanghai");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            error = $"--tz: unknown time zone '{zoneId}' (use an IANA name such as Asia/Shanghai or UTC)";
            return false;
        }

        options = new PageViewsOptions(common, zone, common.Extra.ContainsKey("--approx"));
        return true;
    }
}

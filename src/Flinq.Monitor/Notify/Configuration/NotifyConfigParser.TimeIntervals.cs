using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Flinq.Monitor.Notify.Configuration;

/// <summary><c>time_intervals</c> (and the older top-level <c>mute_time_intervals</c>).</summary>
internal sealed partial class NotifyConfigParser
{
    private static readonly string[] s_weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private static readonly string[] s_months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static void ParseTimeIntervals(YamlNode node, string what, Dictionary<string, IReadOnlyList<TimeInterval>> into)
    {
        foreach (var item in Items(node, what))
        {
            var map = Mapping(item, what + " entry");
            string? name = null;
            var list = new List<TimeInterval>();
            foreach (var (keyNode, value) in map.Children)
            {
                switch (Text(keyNode))
                {
                    case "name": name = Text(value); break;
                    case "time_intervals":
                        foreach (var spec in Items(value, "time_intervals"))
                        {
                            list.Add(ParseTimeInterval(spec));
                        }

                        break;
                    default: throw UnknownField(keyNode, Text(keyNode), "a time interval", ["name", "time_intervals"]);
                }
            }

            if (string.IsNullOrEmpty(name))
            {
                throw Fail(item, "missing name in time interval");
            }

            if (!into.TryAdd(name, list))
            {
                throw Fail(item, $"time interval \"{name}\" is not unique");
            }
        }
    }

    private static TimeInterval ParseTimeInterval(YamlNode node)
    {
        var map = Mapping(node, "time interval");
        List<(int, int)>? times = null, weekdays = null, days = null, months = null, years = null;
        TimeZoneInfo location = TimeZoneInfo.Utc;
        foreach (var (keyNode, value) in map.Children)
        {
            string key = Text(keyNode);
            switch (key)
            {
                case "times":
                    times = [];
                    foreach (var t in Items(value, key))
                    {
                        times.Add(ParseTimes(t));
                    }

                    break;
                case "weekdays": weekdays = Ranges(value, key, v => Named(v, s_weekdays, 0, null)); break;
                case "days_of_month": days = Ranges(value, key, v => DayOfMonth(v)); break;
                case "months": months = Ranges(value, key, v => Named(v, s_months, 1, (1, 12))); break;
                case "years": years = Ranges(value, key, v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int y) && y > 0 ? y : null); break;
                case "location":
                    string zone = Text(value);
                    try
                    {
                        location = zone is "Local" ? TimeZoneInfo.Local : zone is "UTC" or "" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zone);
                    }
                    catch (TimeZoneNotFoundException)
                    {
                        throw Fail(value, $"unknown time zone location \"{zone}\" (an IANA name such as Asia/Shanghai)");
                    }

                    break;
                default: throw UnknownField(keyNode, key, "a time interval", ["times", "weekdays", "days_of_month", "months", "years", "location"]);
            }
        }

        return new TimeInterval { Times = times, Weekdays = weekdays, DaysOfMonth = days, Months = months, Years = years, Location = location };
    }

    private static (int, int) ParseTimes(YamlNode node)
    {
        var map = Mapping(node, "times entry");
        int? start = null, end = null;
        foreach (var (k, v) in map.Children)
        {
            switch (Text(k))
            {
                case "start_time": start = Minute(v); break;
                case "end_time": end = Minute(v); break;
                default: throw UnknownField(k, Text(k), "times", ["start_time", "end_time"]);
            }
        }

        if (start is null || end is null)
        {
            throw Fail(node, "times entries need both start_time and end_time");
        }

        return start < end ? (start.Value, end.Value) : throw Fail(node, "start_time cannot be equal or greater than end_time");
    }

    private static int Minute(YamlNode node)
    {
        string text = Text(node);
        var parts = text.Split(':');
        if (parts.Length == 2 && parts[0].Length is 1 or 2 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            && m < 60 && ((h < 24) || (h == 24 && m == 0)))
        {
            return (h * 60) + m;
        }

        throw Fail(node, $"invalid time of day \"{text}\" (HH:MM, 00:00 to 24:00)");
    }

    private static List<(int, int)> Ranges(YamlNode node, string what, Func<string, int?> parse)
    {
        var result = new List<(int, int)>();
        foreach (var item in Items(node, what))
        {
            string text = Text(item).Trim().ToLowerInvariant();
            int colon = text.IndexOf(':', 1);
            string a = colon < 0 ? text : text[..colon];
            string b = colon < 0 ? text : text[(colon + 1)..];
            if (parse(a) is not int start || parse(b) is not int end)
            {
                throw Fail(item, $"{what}: invalid value or range \"{Text(item)}\"");
            }

            if (Math.Sign(start) == Math.Sign(end) && start > end)
            {
                throw Fail(item, $"{what}: start of range \"{Text(item)}\" is after its end");
            }

            result.Add((start, end));
        }

        return result;
    }

    private static int? Named(string text, string[] names, int first, (int Min, int Max)? numeric)
    {
        int i = Array.IndexOf(names, text);
        if (i >= 0)
        {
            return i + first;
        }

        return numeric is { } r && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= r.Min && n <= r.Max ? n : null;
    }

    private static int? DayOfMonth(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int d) && d != 0 && d >= -31 && d <= 31 ? d : null;
}

using Flinq.Examples.Common;

namespace Flinq.Examples.PageViews;

/// <summary>One input line: <c>{"userId":"u1","pageId":"home","url":"/","ts":1767225600000}</c>, ts in epoch ms.</summary>
public sealed record PageView(string UserId, string PageId, string Url, long Ts)
{
    /// <summary>Parses a JSON line; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static PageView Parse(string line)
    {
        var view = JsonLines.Parse<PageView>(line);
        if (view.UserId.Length == 0 || view.PageId.Length == 0)
        {
            throw new FormatException("userId and pageId must not be empty");
        }

        return view;
    }
}

using System.Globalization;

namespace Flinq.Monitor.Rules.Syntax;

/// <summary>Field paths as errors print them: <c>rules[2].threshold.window</c>.</summary>
internal static class SyntaxPath
{
    public static string Key(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    public static string Index(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
}

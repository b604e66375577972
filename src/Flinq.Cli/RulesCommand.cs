using Flinq.Monitor.Rules;

namespace Flinq.Cli;

/// <summary>
/// <c>flinq rules check FILE...</c>: validates rule files offline (YAML, or JSON for <c>.json</c>), printing each error
/// as <c>file:line:column: path: message</c> on stderr. Exit code 0 when every file is valid, 1 when any error was
/// found (including a rule name used in two files), 2 for a usage error.
/// </summary>
internal static class RulesCommand
{
    public const string Usage = "usage: flinq rules check FILE...   validate rule files (exit 0 valid, 1 errors)";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count < 2 || args[0] != "check" || args.Skip(1).Any(a => a.StartsWith('-')))
        {
            errors.WriteLine(Usage);
            return 2;
        }

        int errorCount = 0;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in args.Skip(1))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"{file}: cannot read: {e.Message}");
                errorCount++;
                continue;
            }

            var result = RuleParser.ParseFile(text, RuleParser.FormatOfPath(file));
            foreach (var error in result.Errors)
            {
                errors.WriteLine($"{file}:{error}");
            }

            errorCount += result.Errors.Count;
            foreach (var rule in result.Rules)
            {
                if (names.TryGetValue(rule.Name, out var other))
                {
                    errors.WriteLine($"{file}: rule \"{rule.Name}\" is also defined in {other}; rule names must be unique across files");
                    errorCount++;
                }
                else
                {
                    names.Add(rule.Name, file);
                }
            }

            if (result.IsValid)
            {
                output.WriteLine($"{file}: {result.Rules.Count} rules OK");
            }
        }

        if (errorCount > 0)
        {
            errors.WriteLine($"{errorCount} error{(errorCount == 1 ? string.Empty : "s")}");
        }

        return errorCount == 0 ? 0 : 1;
    }
}

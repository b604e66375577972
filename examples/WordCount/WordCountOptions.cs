using System.Globalization;

namespace Flinq.Examples.WordCount;

/// <summary>The command line of the WordCount example.</summary>
/// <param name="InputPath">The file (or directory of files) to count, or null for the built-in text.</param>
/// <param name="Parallelism">The job's parallelism, or null for the default (the number of processors).</param>
public sealed record WordCountOptions(string? InputPath, int? Parallelism)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: WordCount [--input FILE] [--parallelism N]";

    /// <summary>Parses the arguments; on failure returns false and a message that says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out WordCountOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new WordCountOptions(null, null);
        error = "";
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is not ("--input" or "--parallelism"))
            {
                error = $"unknown argument '{name}'";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return false;
            }

            string value = args[++i];
            if (name == "--input")
            {
                options = options with { InputPath = value };
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parallelism) && parallelism >= 1)
            {
                options = options with { Parallelism = parallelism };
            }
            else
            {
                error = $"--parallelism must be a whole number of at least 1, not '{value}'";
                return false;
            }
        }

        return true;
    }
}

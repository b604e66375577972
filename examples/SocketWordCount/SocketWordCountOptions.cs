using System.Globalization;

namespace Flinq.Examples.SocketWordCount;

/// <summary>The command line of the SocketWordCount example.</summary>
/// <param name="Host">The host to connect to. Default 127.0.0.1.</param>
/// <param name="Port">The TCP port to connect to. Default 9999.</param>
public sealed record SocketWordCountOptions(string Host = "127.0.0.1", int Port = 9999)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = "usage: SocketWordCount [--host HOST] [--port PORT]   (start a server first, e.g. nc -lk 9999)";

    /// <summary>Parses the arguments; on failure returns false and a message that says what is wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SocketWordCountOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new SocketWordCountOptions();
        error = "";
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is not ("--host" or "--port"))
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
            if (name == "--host")
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    error = "--host cannot be empty";
                    return false;
                }

                options = options with { Host = value };
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535)
            {
                options = options with { Port = port };
            }
            else
            {
                error = $"--port must be a number from 1 to 65535, not '{value}'";
                return false;
            }
        }

        return true;
    }
}

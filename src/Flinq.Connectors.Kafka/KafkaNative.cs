using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Flinq.Connectors.Kafka;

/// <summary>
/// Makes the choice of the native librdkafka build explicit. Confluent.Kafka ships three Linux x64 builds under
/// <c>runtimes/linux-x64/native</c>: <c>librdkafka.so</c> (links <c>libsasl2.so.3</c>, which Debian and Ubuntu
/// lack: they ship <c>.so.2</c>), <c>centos8-librdkafka.so</c> (needs only glibc; no SASL/GSSAPI) and
/// <c>alpine-librdkafka.so</c> (musl). Left alone, Confluent.Kafka tries them in turn and silently keeps the first
/// that loads. <see cref="EnsureLoaded"/> tries the default build, records why it failed, falls back to the
/// centos8 build, binds Confluent.Kafka to the chosen file and says which file that is.
/// </summary>
public static class KafkaNative
{
    private static readonly Lock s_lock = new();
    private static KafkaNativeLibrary? s_loaded;

    /// <summary>The library chosen by <see cref="EnsureLoaded"/>, or null before its first call.</summary>
    public static KafkaNativeLibrary? Loaded => Volatile.Read(ref s_loaded);

    /// <summary>
    /// Loads librdkafka once per process (later calls return the same answer). Thread-safe. If Confluent.Kafka
    /// already loaded a library by itself (a client was built before this call), that library is reported as is.
    /// </summary>
    /// <exception cref="DllNotFoundException">No build loads; the message lists each file and its loader error.</exception>
    public static KafkaNativeLibrary EnsureLoaded()
    {
        if (Volatile.Read(ref s_loaded) is { } loaded)
        {
            return loaded;
        }

        lock (s_lock)
        {
            s_loaded ??= Load();
            return s_loaded;
        }
    }

    private static KafkaNativeLibrary Load()
    {
        if (Library.IsLoaded || !OperatingSystem.IsLinux() || !Candidates().Any())
        {
            // A client came first, a platform with a single build, or an app that ships librdkafka its own way
            // (no package files next to it): let Confluent.Kafka's probing stand and report what it loaded.
            string version = Library.VersionString;
            string path = FindMappedLibrary() ?? "(chosen by Confluent.Kafka's own probing)";
            return new KafkaNativeLibrary(path, version, FallbackReason: null);
        }

        var failures = new List<string>();
        foreach (string candidate in Candidates())
        {
            IntPtr handle;
            try
            {
                handle = NativeLibrary.Load(candidate);
            }
            catch (DllNotFoundException e)
            {
                failures.Add($"{candidate}: {FirstLoaderError(e.Message)}");
                continue;
            }

            Bind(handle);
            Library.Load(candidate);
            string mapped = FindMappedLibrary() ?? candidate;
            return new KafkaNativeLibrary(mapped, Library.VersionString, failures.Count == 0 ? null : string.Join("; ", failures));
        }

        throw new DllNotFoundException(
            "No librdkafka build from the Confluent.Kafka package loads on this machine: " + string.Join("; ", failures) +
            ". Install the missing system library (e.g. libsasl2 for the default build) or ship a librdkafka that loads here.");
    }

    // Confluent.Kafka resolves its [DllImport("librdkafka")] bindings and, for Library.Load(path), dlopen from "libdl".
    // glibc >= 2.34 systems without the dev package have only libdl.so.2, so both names are bound here.
    private static void Bind(IntPtr librdkafka)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, (name, _, _) => name switch
            {
                "librdkafka" => librdkafka,
                "libdl" => NativeLibrary.TryLoad("libdl.so.2", out var dl) ? dl : IntPtr.Zero,
                _ => IntPtr.Zero,
            });
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                "Another DllImport resolver is already set on Confluent.Kafka; call KafkaNative.EnsureLoaded() before setting it, or load librdkafka yourself.", e);
        }
    }

    private static IEnumerable<string> Candidates()
    {
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string[] directories =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"),
            AppContext.BaseDirectory, // a RID-specific publish copies the native files next to the app
        ];
        foreach (string directory in directories)
        {
            foreach (string name in (string[])["librdkafka.so", "centos8-librdkafka.so"])
            {
                string path = Path.Combine(directory, name);
                if (File.Exists(path))
                {
                    yield return path;
                }
            }
        }
    }

    /// <summary>The file of the librdkafka mapped into this process (from /proc/self/maps), or null if none or not Linux.</summary>
    internal static string? FindMappedLibrary()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.AsSpan(slash).Contains("librdkafka", StringComparison.Ordinal))
            {
                return line[slash..];
            }
        }

        return null;
    }

    // The loader message lists every probed path; the line naming the missing dependency is the useful one.
    private static string FirstLoaderError(string message)
    {
        foreach (string line in message.Split('\n'))
        {
            if (line.Contains("cannot open shared object file", StringComparison.Ordinal) || line.Contains("not found", StringComparison.Ordinal))
            {
                return line.Trim();
            }
        }

        return message;
    }
}

using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Flinq.Server.Dashboard;

/// <summary>
/// The built dashboard (web/dist, embedded in this assembly by the <c>DashboardEmbed</c> MSBuild target under
/// logical names <c>dashboard/PATH</c>), loaded once into memory with a content type, a strong ETag and a
/// gzip copy for the larger text files.
/// </summary>
internal sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";
    private readonly Dictionary<string, Asset> _assets;

    private DashboardAssets(Dictionary<string, Asset> assets) => _assets = assets;

    /// <summary>True when the assembly holds a built dashboard (an <c>index.html</c>).</summary>
    public bool HasIndex => _assets.ContainsKey("index.html");

    /// <summary>Loads every embedded <c>dashboard/</c> resource of this assembly.</summary>
    public static DashboardAssets Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var bytes = Read(assembly, name);
            var path = name[Prefix.Length..];
            var type = ContentType(path);
            bool compressible = type.StartsWith("text/", StringComparison.Ordinal) || type.StartsWith("application/javascript", StringComparison.Ordinal) || type.StartsWith("image/svg", StringComparison.Ordinal);
            Lazy<byte[]>? gzip = compressible && bytes.Length > 1024 ? new Lazy<byte[]>(() => Compress(bytes)) : null; // on first use: servers that never serve it pay nothing
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
            assets[path] = new Asset(bytes, gzip, type, etag, Immutable: path.StartsWith("assets/", StringComparison.Ordinal));
        }

        return new DashboardAssets(assets);
    }

    /// <summary>The asset at <paramref name="path"/> (relative, no leading slash), or false.</summary>
    public bool TryGet(string path, out Asset asset) => _assets.TryGetValue(path, out asset!);

    private static byte[] Compress(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gz = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return compressed.ToArray();
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".HTML" => "text/html; charset=utf-8",
        ".JS" => "application/javascript; charset=utf-8",
        ".CSS" => "text/css; charset=utf-8",
        ".SVG" => "image/svg+xml",
        ".PNG" => "image/png",
        ".ICO" => "image/x-icon",
        ".JSON" => "application/json",
        ".WOFF2" => "font/woff2",
        _ => "application/octet-stream",
    };

    /// <summary>One file: its bytes, a gzip copy made on first use (null for small or binary files), content type, ETag, and whether its name carries a content hash.</summary>
    internal sealed record Asset(byte[] Bytes, Lazy<byte[]>? Gzip, string ContentType, string ETag, bool Immutable);
}

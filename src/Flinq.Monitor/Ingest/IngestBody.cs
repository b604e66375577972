using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Flinq.Monitor.Ingest;

/// <summary>
/// A request body read into one pooled, contiguous buffer, with its <c>Content-Encoding</c> undone
/// (<c>identity</c> or <c>gzip</c>; remote_write's snappy is undone by its decoder). Dispose it to return
/// the buffer to the pool; the bytes must not be used afterwards. Not thread-safe.
/// </summary>
public sealed class IngestBody : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    private IngestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The decoded bytes.</summary>
    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(IngestBody))).AsSpan(0, _length);

    /// <summary>The decoded bytes.</summary>
    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(IngestBody))).AsMemory(0, _length);

    /// <summary>The number of decoded bytes.</summary>
    public int Length => _length;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, undoing <paramref name="contentEncoding"/> (null, empty,
    /// <c>identity</c> or <c>gzip</c>, case-insensitive).
    /// </summary>
    /// <exception cref="IngestBodyException">Unknown encoding, corrupt gzip, or more than <paramref name="maxBytes"/> decoded bytes.</exception>
    public static async ValueTask<IngestBody> ReadAsync(Stream stream, string? contentEncoding, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (IsIdentity(contentEncoding))
        {
            return await ReadAllAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        if (IsGzip(contentEncoding))
        {
            // Read the compressed bytes first: the gzip trailer must be checked (see Decode), and a compressed
            // body larger than the decoded limit is refused before any inflation.
            using var compressed = await ReadAllAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
            return Decode(compressed.Span, contentEncoding, maxBytes);
        }

        throw UnsupportedEncoding(contentEncoding);
    }

    /// <summary>Undoes <paramref name="contentEncoding"/> on bytes already in memory (copies them for identity).</summary>
    /// <exception cref="IngestBodyException">Unknown encoding, corrupt gzip, or more than <paramref name="maxBytes"/> decoded bytes.</exception>
    public static IngestBody Decode(ReadOnlySpan<byte> body, string? contentEncoding, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (IsIdentity(contentEncoding))
        {
            if (body.Length > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            var copy = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 1));
            body.CopyTo(copy);
            return new IngestBody(copy, body.Length);
        }

        if (!IsGzip(contentEncoding))
        {
            throw UnsupportedEncoding(contentEncoding);
        }

        var compressed = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 1));
        try
        {
            body.CopyTo(compressed);
            using var input = new MemoryStream(compressed, 0, body.Length, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            var decoded = ReadAllAsync(gzip, maxBytes, CancellationToken.None).AsTask().GetAwaiter().GetResult();

            // GZipStream returns what it could inflate from a truncated body without an error, so check the
            // trailer: its last 4 bytes are the decoded length modulo 2^32 (RFC 1952 ISIZE). A truncated body
            // ends in compressed data instead, which matches with probability 2^-32. (A multi-member body is
            // checked against its last member only, so it is refused unless it has one member.)
            if (body.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(body[^4..]) != (uint)decoded.Length)
            {
                decoded.Dispose();
                throw new IngestBodyException(new IngestError("the gzip body is truncated or corrupt (its length trailer does not match); resend the whole body", Field: "Content-Encoding"));
            }

            return decoded;
        }
        catch (InvalidDataException e)
        {
            throw new IngestBodyException(new IngestError("the body is not valid gzip: " + e.Message, Field: "Content-Encoding"), inner: e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }

    /// <summary>
    /// Undoes <paramref name="contentEncoding"/> on a possibly multi-segment sequence (a <c>PipeReader</c>'s
    /// buffer), giving one contiguous body.
    /// </summary>
    /// <exception cref="IngestBodyException">Unknown encoding, corrupt gzip, or more than <paramref name="maxBytes"/> decoded bytes.</exception>
    public static IngestBody Decode(in ReadOnlySequence<byte> body, string? contentEncoding, int maxBytes)
    {
        if (body.IsSingleSegment)
        {
            return Decode(body.FirstSpan, contentEncoding, maxBytes);
        }

        if (body.Length > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var flat = ArrayPool<byte>.Shared.Rent((int)body.Length);
        try
        {
            body.CopyTo(flat);
            return Decode(flat.AsSpan(0, (int)body.Length), contentEncoding, maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(flat);
        }
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask<IngestBody> ReadAllAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= maxBytes + 1)
                    {
                        throw TooLarge(maxBytes);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
            }

            var body = new IngestBody(buffer, length);
            buffer = null;
            return body;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static bool IsIdentity(string? encoding) =>
        string.IsNullOrWhiteSpace(encoding) || string.Equals(encoding.Trim(), "identity", StringComparison.OrdinalIgnoreCase);

    private static bool IsGzip(string? encoding) =>
        encoding is not null && (string.Equals(encoding.Trim(), "gzip", StringComparison.OrdinalIgnoreCase)
            || string.Equals(encoding.Trim(), "x-gzip", StringComparison.OrdinalIgnoreCase));

    private static IngestBodyException TooLarge(int maxBytes) =>
        new(new IngestError($"the decoded body exceeds {maxBytes} bytes; send smaller batches or raise MaxDecodedBodyBytes"), isTooLarge: true);

    private static IngestBodyException UnsupportedEncoding(string? encoding) =>
        new(new IngestError($"unsupported Content-Encoding \"{encoding}\"; use gzip or identity", Field: "Content-Encoding"));
}

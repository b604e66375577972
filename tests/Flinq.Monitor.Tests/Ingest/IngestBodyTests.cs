using System.IO.Compression;
using System.Text;
using Flinq.Monitor.Ingest;

namespace Flinq.Monitor.Tests.Ingest;

public sealed class IngestBodyTests
{
    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task ReadAsync_Gzip_Decompresses()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("cpu value=1\n", 5000)));
        using var stream = new MemoryStream(Gzip(data));

        using var body = await IngestBody.ReadAsync(stream, "gzip", 1 << 20);

        body.Span.SequenceEqual(data).Should().BeTrue();
    }

    [Fact]
    public async Task ReadAsync_Identity_ReadsAll()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        using var stream = new MemoryStream(data);

        using var body = await IngestBody.ReadAsync(stream, null, 1 << 20);

        body.Length.Should().Be(data.Length);
        body.Span.SequenceEqual(data).Should().BeTrue();
    }

    [Fact]
    public async Task ReadAsync_GzipBomb_StopsAtLimit()
    {
        using var stream = new MemoryStream(Gzip(new byte[10_000_000]));

        var act = async () => await IngestBody.ReadAsync(stream, "gzip", 1_000_000);

        (await act.Should().ThrowAsync<IngestBodyException>()).Which.IsTooLarge.Should().BeTrue();
    }

    [Fact]
    public void Decode_CorruptGzip_ThrowsWithReason()
    {
        // A valid gzip header followed by a deflate block of the reserved type 3.
        var act = () => IngestBody.Decode([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF], "gzip", 1000);

        act.Should().Throw<IngestBodyException>().Which.Error.Reason.Should().Contain("not valid gzip");
    }

    [Fact]
    public async Task ReadAsyncAndDecode_TruncatedGzip_Throw()
    {
        // GZipStream itself returns a partial body without an error here; the trailer check must catch it.
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("line protocol\n", 2000)));
        var gz = Gzip(data);
        var truncated = gz[..(gz.Length / 2)];

        var decode = () => IngestBody.Decode(truncated, "gzip", 1 << 20);
        var read = async () => await IngestBody.ReadAsync(new MemoryStream(truncated), "gzip", 1 << 20);

        decode.Should().Throw<IngestBodyException>().Which.Error.Reason.Should().Contain("truncated");
        (await read.Should().ThrowAsync<IngestBodyException>()).Which.Error.Reason.Should().Contain("truncated");
    }

    [Fact]
    public void Decode_UnknownEncoding_ThrowsWithReason()
    {
        var act = () => IngestBody.Decode([1, 2, 3], "br", 1000);

        act.Should().Throw<IngestBodyException>().Which.Error.Reason.Should().Contain("unsupported Content-Encoding \"br\"");
    }

    [Fact]
    public void Decode_MultiSegmentSequence_IsContiguous()
    {
        var gz = Gzip(Encoding.UTF8.GetBytes("m v=1\nm v=2\n"));
        var first = new Segment(gz[..5]);
        var last = first.Append(gz[5..]);
        var sequence = new System.Buffers.ReadOnlySequence<byte>(first, 0, last, gz.Length - 5);

        using var body = IngestBody.Decode(sequence, "gzip", 1000);

        Encoding.UTF8.GetString(body.Span).Should().Be("m v=1\nm v=2\n");
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    [Fact]
    public void Decode_GzipSpan_RoundTrips()
    {
        var data = Encoding.UTF8.GetBytes("hello");

        using var body = IngestBody.Decode(Gzip(data), "GZIP", 1000);

        Encoding.UTF8.GetString(body.Span).Should().Be("hello");
    }
}
